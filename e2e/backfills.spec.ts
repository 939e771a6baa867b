import type { Browser, Page } from "@playwright/test";
import { expect, test, DEMO_PASSWORD, secondApproval, signIn } from "./fixtures";

/**
 * The backfill page in both languages (Chinese in its own context, signed in as the same operator), on a laptop and a
 * phone: four pages opened once, while the backfill is paused, and left open, so each follows it live to its end
 * without a reload. Each is checked for sideways scrolling.
 */
async function screenshots(page: Page, browser: Browser, status: "paused" | "cancelled") {
  if (views.length === 0) {
    const zh = await browser.newContext({ ...test.info().project.use, locale: "zh-CN" });
    const chinese = await zh.newPage();
    await chinese.goto("/login");
    await chinese.getByLabel("邮箱").fill("operator@example.com");
    await chinese.getByLabel("密码").fill(DEMO_PASSWORD);
    await chinese.getByRole("button", { name: "登录", exact: true }).click();
    await expect(chinese.getByRole("button", { name: "退出登录" })).toBeVisible();
    for (const [language, context] of [
      ["en", page.context()],
      ["zh-CN", zh],
    ] as const)
      for (const width of [1024, 390]) {
        const view = language === "zh-CN" && width === 1024 ? chinese : await context.newPage();
        await view.setViewportSize({ width, height: 900 });
        await view.goto(page.url());
        await expect(view.locator("html")).toHaveAttribute("lang", language);
        views.push({ view, name: `${language}-${width}` });
      }
  }
  for (const { view, name } of views) {
    // The status word's class is the token in both languages.
    await expect(view.locator(`.backfill-${status}`).first()).toBeVisible({ timeout: 60_000 });
    // The runs table follows too, without a reload: once cancelled, none of its runs is still queued.
    if (status === "cancelled") await expect(view.locator("table .run-queued")).toHaveCount(0);
    expect(
      await view.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await view.screenshot({ path: `test-results/screenshots/backfill-${status}-${name}.png`, fullPage: true });
  }
}
const views: { view: Page; name: string }[] = [];

test("an operator executes a window, watches it progress, pauses, resumes, cancels, then re-executes the cancelled partitions", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "operator@example.com");
  const form = page.getByRole("region", { name: "Plan a backfill window" });
  await form.getByLabel("From").fill("2026-03-02");
  await form.getByLabel("To").fill("2026-03-13");
  await form.getByLabel("Reprocess").selectOption("all");
  await form.getByLabel("Order").selectOption("oldest_first");
  await form.getByRole("button", { name: "Plan window" }).click();
  await expect(page.getByRole("region", { name: /Partitions \(12 of 12 included\)/ })).toBeVisible();
  // Rewriting released days needs a second person's approval before it executes (policy blast_radius).
  await secondApproval(page, browser);
  // Every day of the window is released: executing withdraws them from week07/week08, so it asks first.
  await page.getByRole("button", { name: "Execute this plan…" }).click();
  await page.getByRole("button", { name: "Yes, execute and withdraw 12 partitions" }).click();
  await expect(page).toHaveURL(/\/backfills\/\d+$/);
  const backfillUrl = page.url();

  // Live: the strip fills in without a reload. It names its dates: the window, a label per month, each cell's day
  // of the month, and each cell's name says its date and status.
  const strip = page.getByRole("list", { name: "Partitions of this backfill" });
  await expect(strip.getByRole("link")).toHaveCount(12);
  await expect(page.getByText("12 partitions from 2026-03-02 to 2026-03-13; each cell is one partition")).toBeVisible();
  await expect(strip).toContainText("2026-03");
  await expect(strip.getByRole("link", { name: /^2026-03-13 queued/ }).locator("[aria-hidden]")).toHaveText("13");
  await expect(strip.getByRole("link", { name: /^2026-03-02 done/ })).toBeVisible({ timeout: 60_000 });
  await expect(strip.getByRole("link", { name: /^2026-03-02 done/ }).locator("[aria-hidden]")).toHaveText("2");
  // Progress as a percentage of the partitions done.
  const progress = page.getByRole("region", { name: /^Status:/ });
  await expect(progress).toContainText(/\b\d{1,2}% done \(\d+ of 12 partitions\)/);
  await page.screenshot({ path: "test-results/screenshots/backfill-running.png", fullPage: true });

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("region", { name: "Status: paused" })).toBeVisible();
  const counts = page.getByLabel("Counts");
  await expect(counts).toContainText("(0 running)", { timeout: 60_000 });
  const whilePaused = await counts.textContent();
  await page.waitForTimeout(1500);
  expect((await counts.textContent())!.replace(/elapsed .*/, "")).toBe(whilePaused!.replace(/elapsed .*/, "")); // nothing started while paused
  // Nothing starts while paused, so no estimate of the time left: the page says why instead.
  await expect(counts).toContainText("paused: no estimate until it is resumed");
  await expect(counts).not.toContainText(/about .* left/);
  await screenshots(page, browser, "paused");

  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("region", { name: "Status: running" })).toBeVisible();
  const doneBefore = Number(/(\d+) done/.exec(whilePaused!)![1]);
  await expect(async () =>
    expect(Number(/(\d+) done/.exec((await counts.textContent())!)![1])).toBeGreaterThan(doneBefore),
  ).toPass({ timeout: 60_000 });

  // Cancel all asks first, naming what it cancels (paused, so the count holds still); "No" changes nothing.
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(counts).toContainText("(0 running)", { timeout: 60_000 });
  const queued = 12 - Number(/(\d+) done/.exec((await counts.textContent())!)![1]);
  await page.getByRole("button", { name: "Cancel all…" }).click();
  const confirm = page.getByRole("group", { name: "Confirm cancelling the backfill" });
  await expect(confirm).toContainText(
    `Cancel backfill #${/\d+$/.exec(backfillUrl)![0]}? Its ${queued} queued partition${queued === 1 ? " is" : "s are"} cancelled at once. Partitions already done keep their new rows`,
  );
  await page.screenshot({ path: "test-results/screenshots/backfill-cancel-confirm.png", fullPage: true });
  await confirm.getByRole("button", { name: "No, keep it" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("region", { name: "Status: paused" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel all…" }).click();
  await confirm.getByRole("button", { name: `Yes, cancel ${queued} partition${queued === 1 ? "" : "s"}` }).click();
  await expect(page.getByRole("region", { name: "Status: cancelled" })).toBeVisible({ timeout: 60_000 });
  const cancelled = await strip.getByRole("link", { name: /cancelled/ }).count();
  expect(cancelled).toBe(queued);
  await screenshots(page, browser, "cancelled");

  // The runs, in a table whose filter, sort and page live in the URL: the cancelled ones, oldest first.
  const runs = page.getByRole("region", { name: "Runs", exact: true });
  await runs.getByLabel("Status").selectOption("unfinished");
  await expect(page).toHaveURL(/[?&]status=unfinished/);
  await runs.getByRole("button", { name: "Partition" }).click();
  await expect(page).toHaveURL(/[?&]dir=asc/);
  const rows = runs.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(1 + cancelled);
  await expect(runs.getByText(`${cancelled} run${cancelled === 1 ? "" : "s"}`, { exact: true })).toBeVisible();
  const cancelledKeys = (await strip.getByRole("link", { name: /cancelled/ }).allTextContents())
    .map((text) => /\d{4}-\d{2}-\d{2}/.exec(text)![0])
    .sort();
  await expect(rows.nth(1)).toContainText(`${cancelledKeys[0]}`);
  await expect(rows.nth(1)).toContainText("cancelled");
  await expect(rows.last()).toContainText(`${cancelledKeys.at(-1)}`);
  await page.reload();
  await expect(runs.getByLabel("Status")).toHaveValue("unfinished");
  await expect(rows).toHaveCount(1 + cancelled);
  // The runs that did finish link to their evidence.
  await runs.getByLabel("Status").selectOption("succeeded");
  await expect(rows).toHaveCount(1 + (await strip.getByRole("link", { name: / done/ }).count()));
  await rows
    .nth(1)
    .getByRole("link", { name: /^Evidence of run #\d+$/ })
    .click();
  await expect(page).toHaveURL(/\/evidence\/\d+$/);
  await page.goto(backfillUrl);

  // Nothing partial: every partition of the window is either rebuilt on all three assets or untouched on all three.
  const { partitions: cells } = (await (
    await page.request.get("/api/partitions?from=2026-03-02&to=2026-03-13")
  ).json()) as { partitions: { partition_key: string; status: string }[] };
  for (const key of [...new Set(cells.map((c) => c.partition_key))]) {
    const statuses = new Set(cells.filter((c) => c.partition_key === key).map((c) => c.status));
    expect(statuses.size, `${key}: ${[...statuses].join(", ")}`).toBe(1);
  }

  await page.getByRole("button", { name: "Re-execute failed and cancelled partitions" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{16}$/);
  await expect(
    page.getByRole("region", { name: new RegExp(`Partitions \\(${cancelled} of ${cancelled} included\\)`) }),
  ).toBeVisible();
  await expect(page.getByText(/the failed or cancelled partitions of/)).toBeVisible();
  // The cancelled days are still released, so rewriting them needs a second approval: the window's, carried over —
  // the same rewrite of a subset of its days, on the same input. No second person is asked again.
  const approval = page.getByRole("region", { name: "Second approval given" });
  await expect(approval).toContainText("Approved by reviewer@example.com");
  await expect(approval).toContainText("carried over");
  await expect(approval.getByRole("link", { name: /^plan [0-9a-f]{16}$/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/backfill-reexecute-plan.png", fullPage: true });
  await page.getByRole("button", { name: "Execute this plan…" }).click();
  await page.getByRole("button", { name: /^Yes, execute and withdraw \d+ partitions?$/ }).click();
  await expect(page).toHaveURL(/\/backfills\/\d+$/);
  expect(page.url()).not.toBe(backfillUrl);
  await expect(page.getByRole("region", { name: "Status: completed" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/re-executes backfill #\d+/)).toBeVisible();

  await page.goto("/backfills");
  await expect(page.getByRole("row", { name: /cancelled/ }).first()).toBeVisible();
  await expect(page.getByRole("row", { name: /completed/ }).first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/backfills.png", fullPage: true });
  expect((await request.get("/api/backfills/1")).status()).toBe(401); // the API needs a signed-in reader
  for (const { view } of views) await view.close();
  await Promise.all(
    browser
      .contexts()
      .filter((c) => c !== page.context() && c.pages().length === 0)
      .map((c) => c.close()),
  );
});
