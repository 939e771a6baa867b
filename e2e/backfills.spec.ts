import { expect, test, secondApproval, signIn } from "./fixtures";

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

  // Live: the strip fills in without a reload.
  const strip = page.getByRole("list", { name: "Partitions of this backfill" });
  await expect(strip.getByRole("link")).toHaveCount(12);
  await expect(strip.getByRole("link", { name: /^2026-03-02 done/ })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: "test-results/screenshots/backfill-running.png", fullPage: true });

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("region", { name: "Status: paused" })).toBeVisible();
  const counts = page.getByLabel("Counts");
  await expect(counts).toContainText("(0 running)", { timeout: 60_000 });
  const whilePaused = await counts.textContent();
  await page.waitForTimeout(1500);
  expect((await counts.textContent())!.replace(/elapsed .*/, "")).toBe(whilePaused!.replace(/elapsed .*/, "")); // nothing started while paused
  await page.screenshot({ path: "test-results/screenshots/backfill-paused.png", fullPage: true });

  await page.getByRole("button", { name: "Resume" }).click();
  const doneBefore = Number(/(\d+) done/.exec(whilePaused!)![1]);
  await expect(async () =>
    expect(Number(/(\d+) done/.exec((await counts.textContent())!)![1])).toBeGreaterThan(doneBefore),
  ).toPass({ timeout: 60_000 });

  await page.getByRole("button", { name: "Cancel all" }).click();
  await expect(page.getByRole("region", { name: "Status: cancelled" })).toBeVisible({ timeout: 60_000 });
  const cancelled = await strip.getByRole("link", { name: /cancelled/ }).count();
  expect(cancelled).toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/screenshots/backfill-cancelled.png", fullPage: true });

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
  await page.screenshot({ path: "test-results/screenshots/backfill-reexecute-plan.png", fullPage: true });
  await secondApproval(page, browser);
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
});
