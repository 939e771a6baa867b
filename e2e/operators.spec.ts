// Operators and reviewers never act on the wrong thing: forms keep what was typed, the smallest rebuild that
// fits, a yes before released data is withdrawn, pages that follow the store, drift shown in place, keyboard.
import { expect, test, DEMO_PASSWORD, screenshotsInBothLanguages, secondApproval, signIn } from "./fixtures";

test("a refused sign-in keeps the email typed", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("operator@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Unknown email or wrong password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("operator@example.com");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Partition calendar" })).toBeVisible();
});

test("the window form keeps what was typed when the plan is refused", async ({ page }) => {
  await signIn(page, "operator@example.com");
  const form = page.getByRole("region", { name: "Plan a backfill window" });
  await form.getByLabel("From").fill("2026-03-26");
  await form.getByLabel("To").fill("2026-03-20");
  await form.getByLabel("Reprocess").selectOption("all");
  await form.getByRole("button", { name: "Plan window" }).click();
  await expect(form.getByRole("status")).toHaveText("the window ends (2026-03-20) before it starts (2026-03-26)");
  await expect(form.getByLabel("From")).toHaveValue("2026-03-26");
  await expect(form.getByLabel("To")).toHaveValue("2026-03-20");
  await expect(form.getByLabel("Reprocess")).toHaveValue("all");
});

test("from page load to the 2026-04-17 cell with the keyboard alone, in at most 10 key presses, then plan its backfill", async ({
  page,
}) => {
  await signIn(page, "operator@example.com");
  await page.goto("/");
  let presses = 0;
  const press = async (key: string) => {
    presses += 1;
    await page.keyboard.press(key);
  };
  await press("Tab"); // the skip link
  await press("Enter"); // to the page content
  await press("Tab"); // "Go to the calendar grid"
  await press("Enter"); // the grid's current day: the default partition
  const cell = page.getByRole("link", {
    name: "2026-04-17 Raw ticket events Missing",
    exact: true,
  });
  await expect(cell).toBeFocused();
  await press("ArrowRight");
  await expect(page.getByRole("link", { name: /^2026-04-18 Raw ticket events / })).toBeFocused();
  await press("ArrowLeft");
  await expect(cell).toBeFocused();
  expect(presses).toBeLessThanOrEqual(10);
  await press("Enter");
  await expect(page).toHaveURL(/\/partitions\/2026-04-17$/);
  const plan = page.getByRole("region", { name: "Recovery" }).getByRole("button", { name: "Plan backfill" });
  await plan.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Plan: backfill 2026-04-17" })).toBeVisible();
});

test("a report-only gap gets a report-only rebuild that leaves released silver consumable", async ({ page }) => {
  await signIn(page, "operator@example.com", "/drills");
  const drill = page.getByRole("form", { name: "Drill move_report_aside" });
  await drill.getByLabel("Partition").fill("2026-04-21");
  await drill.getByRole("button", { name: "Preview" }).click();
  await drill.getByRole("button", { name: "Apply…" }).click();
  await drill.getByRole("button", { name: "Yes, apply to partition 2026-04-21" }).click();
  await expect(drill.getByRole("status")).toContainText(/Drill \d+ applied:/);
  await page.goto("/?from=2026-04-01&to=2026-04-30");
  const gap = page.getByRole("region", { name: /needs? recovery/ }).getByRole("row", { name: /2026-04-21/ });
  await expect(gap).toContainText("Partition report");
  await expect(gap).not.toContainText("Silver ticket facts");
  await gap.getByRole("button", { name: "Plan report rebuild" }).click();
  await expect(page.getByRole("region", { name: "What it will do" })).toContainText(
    "report-only rebuild of 2026-04-21",
  );
  await expect(page.getByRole("region", { name: "What it will do" })).toContainText("are not touched");
  await page.screenshot({ path: "test-results/screenshots/plan-report-only.png", fullPage: true });
});

test("executing a plan that withdraws released partitions asks first, naming the days", async ({ page, browser }) => {
  await signIn(page, "operator@example.com", "/partitions/2026-04-26");
  await page.getByRole("region", { name: "Recovery" }).getByRole("button", { name: "Plan rerun" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{16}$/);
  await secondApproval(page, browser);
  await page.getByRole("button", { name: "Execute this plan…" }).click();
  const confirm = page.getByRole("group", { name: "Confirm withdrawing released partitions" });
  await expect(confirm).toContainText(
    "This plan rewrites 1 released partition: 2026-04-26. Week07 and week08 stop consuming it until a reviewer approves the new evidence.",
  );
  await page.screenshot({ path: "test-results/screenshots/plan-withdraw-confirm.png", fullPage: true });
  await confirm.getByRole("button", { name: "Yes, execute and withdraw 1 partition" }).click();
  await expect(page).toHaveURL(/\/backfills\/\d+$/);
  await expect(page.getByRole("region", { name: "Status: completed" })).toBeVisible({ timeout: 60_000 });
});

test("an open partition page follows a run it did not start, and a drifted plan says so in place", async ({
  page,
  browser,
}) => {
  await signIn(page, "operator@example.com", "/partitions/2026-03-23");
  await expect(page.getByRole("region", { name: "Runs (0)" })).toContainText("No run has built this partition yet");
  // A plan made now, then the store moves on under it (someone else backfills the partition).
  const other = await browser.newContext({ ...test.info().project.use });
  const operator = await other.newPage();
  await signIn(operator, "operator@example.com");
  const early = (await (await operator.request.post("/api/plans", { data: { partition: "2026-03-23" } })).json()) as {
    plan_id: string;
  };
  const fresh = (await (
    await operator.request.post("/api/plans", { data: { from: "2026-03-23", to: "2026-03-23" } })
  ).json()) as { plan_id: string };
  expect((await operator.request.post(`/api/plans/${fresh.plan_id}/execute`, { data: {} })).status()).toBe(202);
  // The page opened before the run updates without a reload.
  await expect(page.getByRole("region", { name: "Runs (1)" })).toContainText("succeeded", { timeout: 60_000 });
  await expect(
    page.getByRole("region", { name: "Assets" }).getByRole("row", { name: /Silver ticket facts/ }),
  ).toContainText("Pending review");
  await operator.goto(`/plans/${early.plan_id}`);
  await expect(operator.getByRole("region", { name: "Execute" })).toContainText(
    "This plan no longer matches the store",
  );
  await expect(operator.getByRole("button", { name: "Execute this plan" })).toHaveCount(0);
  await expect(operator.getByRole("button", { name: "Re-plan with the same inputs" })).toBeVisible();
  // The header agrees with the body: not "planned".
  await expect(operator.getByText(/ · status drifted — no longer matches the store · made by /)).toBeVisible();
  await expect(operator.getByText(/ · status planned · /)).toHaveCount(0);
  await operator.screenshot({ path: "test-results/screenshots/plan-drifted.png", fullPage: true });
  await screenshotsInBothLanguages(operator, browser, "plan-drifted", async (p, locale) => {
    await p.goto(`/plans/${early.plan_id}`);
    await expect(
      p.getByText(locale === "en" ? "drifted — no longer matches the store" : "已漂移——与存储不再一致"),
    ).toBeVisible();
  });
  await other.close();
});

test("audit targets link to what they name", async ({ page }) => {
  await signIn(page, "viewer@example.com", "/audit?action=plan.");
  const target = page
    .getByRole("table")
    .getByRole("link", { name: /^(plan [0-9a-f]{16}|\d{4}-\d{2}-\d{2})$/ })
    .first();
  await expect(target).toBeVisible();
  await target.click();
  await expect(page).toHaveURL(/\/(plans|partitions)\/[0-9a-f-]+$/);
});
