import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test("an operator previews a drill, applies exactly what was previewed after confirming, sees the gap, and reverts it", async ({
  page,
}) => {
  await signIn(page, "operator@example.com", "/drills");
  const drill = page.getByRole("form", { name: "Drill move_report_aside" });
  await drill.getByLabel("Partition").fill("2026-04-24");
  await expect(drill.getByRole("button", { name: "Apply…" })).toBeDisabled(); // nothing previewed yet
  await drill.getByRole("button", { name: "Preview" }).click();
  await expect(drill.getByRole("status")).toContainText("Preview of partition 2026-04-24 — nothing has changed yet:");
  await expect(drill.getByRole("status")).toContainText("Main tables are not deleted or truncated");
  await expect(drill.getByLabel("Partition")).toHaveValue("2026-04-24"); // the form kept what was typed
  await page.goto("/");
  await expect(page.getByRole("link", { name: "2026-04-24 Partition report Released", exact: true })).toBeVisible();

  await page.goto("/drills");
  await drill.getByLabel("Partition").fill("2026-04-24");
  await drill.getByRole("button", { name: "Preview" }).click();
  await drill.getByRole("button", { name: "Apply…" }).click();
  await expect(drill.getByRole("group", { name: "Confirm drill move_report_aside" })).toContainText(
    "apply it to partition 2026-04-24",
  );
  await drill.getByRole("button", { name: "Yes, apply to partition 2026-04-24" }).click();
  await expect(drill.getByRole("status")).toContainText(/Drill \d+ applied:/);
  await page.screenshot({ path: "test-results/screenshots/drills.png", fullPage: true });
  await page.goto("/");
  await expect(page.getByRole("link", { name: "2026-04-24 Partition report Missing", exact: true })).toBeVisible();

  await page.goto("/drills");
  const row = page
    .getByRole("region", { name: /Drill history/ })
    .getByRole("row", { name: /move_report_aside 2026-04-24/ });
  await row.getByRole("button", { name: "Revert" }).click();
  await expect(row).toContainText("reverted");
  await page.goto("/");
  await expect(page.getByRole("link", { name: "2026-04-24 Partition report Released", exact: true })).toBeVisible();
});

test("Apply never acts on inputs that were not previewed: a changed date needs a new preview", async ({ page }) => {
  await signIn(page, "operator@example.com", "/drills");
  const drill = page.getByRole("form", { name: "Drill move_report_aside" });
  await drill.getByLabel("Partition").fill("2026-03-02");
  await drill.getByRole("button", { name: "Preview" }).click();
  await expect(drill.getByRole("status")).toContainText("Preview of partition 2026-03-02");
  await expect(drill.getByLabel("Partition")).toHaveValue("2026-03-02");
  await expect(drill.getByRole("button", { name: "Apply…" })).toBeEnabled();
  // The default partition typed over the previewed one: Apply is off until it is previewed too.
  await drill.getByLabel("Partition").fill("2026-04-17");
  await expect(drill.getByRole("button", { name: "Apply…" })).toBeDisabled();
  await expect(drill.getByRole("status")).toContainText("the inputs have changed since: preview again");
  await page.screenshot({ path: "test-results/screenshots/drill-preview-stale.png", fullPage: true });
  await page.goto("/");
  await expect(page.getByRole("link", { name: "2026-03-02 Partition report Released", exact: true })).toBeVisible();
});

test("a drill with a bad target is refused at its preview", async ({ page }) => {
  await signIn(page, "operator@example.com", "/drills");
  const drill = page.getByRole("form", { name: "Drill move_report_aside" });
  await drill.getByLabel("Partition").fill("2026-05-10");
  await drill.getByRole("button", { name: "Preview" }).click();
  await expect(drill.getByRole("status")).toHaveText(
    "2026-05-10..2026-05-10 is outside the partitions definition 2026-03-01..2026-04-30",
  );
  await expect(drill.getByRole("button", { name: "Apply…" })).toBeDisabled();
});

test("the strategy page is generated from the policy and the store, and downloads as Markdown", async ({ page }) => {
  await signIn(page, "viewer@example.com", "/strategy");
  await expect(page.getByRole("heading", { name: "Week06 recovery strategy", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "The five recovery actions, side by side" }).getByRole("row"),
  ).toHaveCount(6);
  await expect(page.getByRole("region", { name: "Self-check, against the live system" })).toContainText(
    "Why not a full rerun by default?",
  );
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download Markdown (course headings)" }).click();
  const file = await (await download).path();
  const text = (await import("node:fs")).readFileSync(file, "utf8");
  expect(text).toContain("- 默认 partition: 2026-04-17");
  expect(text).toContain("- dry-run report path:");
  await page.screenshot({ path: "test-results/screenshots/strategy.png", fullPage: true });
});
