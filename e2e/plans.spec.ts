import fs from "node:fs";
import path from "node:path";
import { expect, test, screenshotsInBothLanguages, signIn } from "./fixtures";

const reportDir = path.join(process.env.E2E_DIR!, "scenario", "reports", "week06");

test("an operator plans a backfill of 2026-04-17 from the calendar and the report file holds the same plan", async ({
  page,
}) => {
  await signIn(page, "operator@example.com");
  await page.getByRole("link", { name: "2026-04-17 Silver ticket facts Missing", exact: true }).click();
  await expect(page).toHaveURL(/\/partitions\/2026-04-17$/);
  await page.getByRole("button", { name: "Plan backfill" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{16}$/);
  await expect(page.getByRole("heading", { name: "Plan: backfill 2026-04-17" })).toBeVisible();
  const counts = page.getByLabel("Expected versus current");
  await expect(counts).toContainText("3expected input");
  await expect(counts).toContainText("0current output");
  await expect(page.getByText("missing_partition_report", { exact: true })).toBeVisible();
  await expect(page.getByText("(on disk, same content)")).toBeVisible();
  const shown = JSON.parse((await page.getByLabel("Plan JSON").textContent())!);
  const onDisk = JSON.parse(fs.readFileSync(path.join(reportDir, "backfill", "backfill_plan_2026-04-17.json"), "utf8"));
  expect(onDisk).toEqual(shown);
  expect(shown).toMatchObject({
    expected_input_count: 3,
    current_output_count: 0,
    upstream_manifest_id: "week06-seed-manifest-001",
  });
  await page.screenshot({ path: "test-results/screenshots/plan-2026-04-17.png", fullPage: true });
});

test("a window planned from the calendar lists every partition with why it is in or out", async ({ page }) => {
  await signIn(page, "operator@example.com");
  const form = page.getByRole("region", { name: "Plan a backfill window" });
  await form.getByLabel("From").fill("2026-03-20");
  await form.getByLabel("To").fill("2026-03-26");
  await form.getByRole("button", { name: "Plan window" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{16}$/);
  const partitions = page.getByRole("region", { name: /Partitions \(3 of 7 included\)/ });
  await expect(partitions).toBeVisible();
  for (const key of ["2026-03-22", "2026-03-23", "2026-03-24"])
    await expect(partitions.getByRole("row", { name: new RegExp(key) })).toContainText("yes");
  await expect(partitions.getByRole("row", { name: /2026-03-20/ })).toContainText("skipped: already released");
  expect(fs.existsSync(path.join(reportDir, "backfill", "backfill_plan_2026-03-20_2026-03-26.json"))).toBe(true);
});

test("a 61-day window plan shows its window, each manifest with the days it covers, and its gap reasons counted", async ({
  page,
  browser,
}) => {
  await signIn(page, "operator@example.com");
  const made = await page.request.post("/api/plans", {
    data: { from: "2026-03-01", to: "2026-04-30", reprocess: "all" },
  });
  expect(made.status(), await made.text()).toBe(201);
  const { plan_id: planId } = (await made.json()) as { plan_id: string };
  await page.goto(`/plans/${planId}`);
  const fields = page.getByRole("region", { name: "The plan, field by field" });
  await expect(fields).toContainText("First partition of the window");
  await expect(fields).toContainText("2026-03-01 — the window 2026-03-01 .. 2026-04-30: 61 partitions, 61 included");
  await expect(fields.getByRole("listitem")).toHaveText([
    "week06-late-manifest-002 covers 1 partition: 2026-03-15",
    "week06-seed-manifest-001 covers 61 partitions: 2026-03-01 .. 2026-04-30",
  ]);
  await expect(fields).toContainText(
    "missing_partition_report ×4 · failed_run ×1 · stale_upstream ×1 · check_failed ×1 · none ×54 (counted over the window's 61 partitions, included or skipped)",
  );
  await expect(page.getByLabel("Expected versus current")).toContainText("summed over 61 included partitions");
  await screenshotsInBothLanguages(page, browser, "plan-window-61", async (p, locale) => {
    await p.goto(`/plans/${planId}`);
    await expect(
      p.getByText(locale === "en" ? "covers 61 partitions" : "覆盖 61 个分区", { exact: false }),
    ).toBeVisible();
  });
});

test("a window that ends before it starts is refused in the form, and nothing is written", async ({ page }) => {
  await signIn(page, "operator@example.com");
  const form = page.getByRole("region", { name: "Plan a backfill window" });
  await form.getByLabel("From").fill("2026-04-10");
  await form.getByLabel("To").fill("2026-04-01");
  await form.getByRole("button", { name: "Plan window" }).click();
  await expect(form.getByRole("status")).toHaveText("the window ends (2026-04-01) before it starts (2026-04-10)");
  expect(fs.existsSync(path.join(reportDir, "backfill", "backfill_plan_2026-04-10_2026-04-01.json"))).toBe(false);
});

test("the plans list sorts and filters, with its state in the URL", async ({ page }) => {
  await signIn(page, "operator@example.com");
  await page.goto("/plans?action=backfill&partition=2026-04");
  await expect(page.getByLabel("Action")).toHaveValue("backfill");
  await expect(page.getByRole("row", { name: /2026-04-17/ }).first()).toBeVisible();
  await expect(page.getByRole("row", { name: /2026-03-20 \.\. 2026-03-26/ })).toHaveCount(0);
  await page.getByLabel("Partition (YYYY-MM or YYYY-MM-DD)").fill("2026-03-2");
  await expect(page).toHaveURL(/partition=2026-03-2/);
  await expect(page.getByRole("row", { name: /2026-03-20 \.\. 2026-03-26/ })).toBeVisible();
  await page.getByRole("button", { name: /Partition\(s\)/ }).click();
  await expect(page).toHaveURL(/sort=partitionKey/);
  await page.reload();
  await expect(page.getByLabel("Partition (YYYY-MM or YYYY-MM-DD)")).toHaveValue("2026-03-2");
  await page.screenshot({ path: "test-results/screenshots/plans.png", fullPage: true });
});

test("a viewer sees the recovery options but no plan buttons", async ({ page }) => {
  await signIn(page, "viewer@example.com", "/partitions/2026-04-17");
  await expect(page.getByRole("region", { name: "Recovery" })).toContainText(
    "Only operators plan and execute recovery",
  );
  await expect(page.getByRole("button", { name: /^Plan / })).toHaveCount(0);
});
