import { expect, test, signIn } from "./fixtures";

test("an operator retries 2026-04-03: plan, execute, watch the worker finish it, partition awaits review", async ({
  page,
}) => {
  await signIn(page, "operator@example.com", "/partitions/2026-04-03");
  const recovery = page.getByRole("region", { name: "Recovery" });
  await expect(recovery).toContainText("The action that fits: retry");
  await recovery.getByRole("button", { name: "Plan retry" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{16}$/);
  await expect(page.getByRole("heading", { name: "Plan: retry 2026-04-03" })).toBeVisible();
  const planUrl = page.url();
  await page.getByRole("button", { name: "Execute this plan" }).click();

  // Executing makes a backfill; a worker process executes its run while the page follows it live.
  await expect(page).toHaveURL(/\/backfills\/\d+$/);
  await expect(page.getByRole("heading", { name: /^Backfill #\d+: retry 2026-04-03$/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Status: completed" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel("Counts")).toContainText("1 done · 0 failed · 0 cancelled · 0 left");
  // One partition, one row: a count meets its noun in the right number.
  await expect(page.getByLabel("Counts")).toContainText("(0 running) of 1 partition · 30 silver rows written");
  await expect(page.getByRole("region", { name: "Status: completed" })).toContainText("100% done (1 of 1 partition)");
  await expect(page.getByRole("link", { name: /^2026-04-03 done \(run \d+\)$/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/backfill-retry-completed.png", fullPage: true });

  await page.goto(planUrl);
  const execute = page.getByRole("region", { name: "Execute" });
  await expect(execute).toContainText(/Executed as backfill #\d+ \(completed\)/);
  await expect(execute.getByRole("row", { name: /retry/ })).toContainText("succeeded");
  await expect(execute.getByRole("row", { name: /retry/ })).toContainText("3 of 3 asset steps");
  await expect(execute.getByRole("row", { name: /retry/ })).toContainText("(retry of #");
  await page.screenshot({ path: "test-results/screenshots/plan-executed.png", fullPage: true });
  // The same plan cannot be executed twice.
  await expect(page.getByRole("button", { name: "Execute this plan" })).toHaveCount(0);

  // The run's page: its timeline shows every step; the failed run it retries shows its three in-run attempts.
  await execute
    .getByRole("row", { name: /retry/ })
    .getByRole("link", { name: /^#\d+$/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: /^Run #\d+: retry 2026-04-03$/ })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Timeline: every asset step and attempt" }).getByRole("row"),
  ).toHaveCount(4);
  await page
    .getByRole("link", { name: /^run #\d+$/ })
    .first()
    .click();
  const timeline = page.getByRole("region", { name: "Timeline: every asset step and attempt" });
  await expect(timeline.getByRole("row", { name: /Silver ticket facts 3 failed/ })).toContainText("SQLITE_BUSY");
  await page.screenshot({ path: "test-results/screenshots/run-failed-attempts.png", fullPage: true });

  await page.goto("/partitions/2026-04-03");
  const silver = page.getByRole("region", { name: "Assets" }).getByRole("row", { name: /Silver ticket facts/ });
  await expect(silver).toContainText("Pending review");
  await expect(silver).toContainText("30 / 30");
  await page.screenshot({ path: "test-results/screenshots/partition-2026-04-03-after-retry.png", fullPage: true });
});
