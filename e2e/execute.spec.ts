import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

test("an operator retries 2026-04-03: plan, execute in the background, watch it finish, partition awaits review", async ({ page }) => {
  await signIn(page, "operator@example.com", "/partitions/2026-04-03");
  const recovery = page.getByRole("region", { name: "Recovery" });
  await expect(recovery).toContainText("The action that fits: retry");
  await recovery.getByRole("button", { name: "Plan retry" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f]{16}$/);
  await expect(page.getByRole("heading", { name: "Plan: retry 2026-04-03" })).toBeVisible();
  await page.getByRole("button", { name: "Execute this plan" }).click();
  const execute = page.getByRole("region", { name: "Execute" });
  await expect(execute.getByRole("row", { name: /retry/ })).toContainText("succeeded", { timeout: 15_000 });
  await expect(execute.getByRole("row", { name: /retry/ })).toContainText("3/3 assets");
  await expect(execute.getByRole("row", { name: /retry/ })).toContainText("(retry of #");
  await page.screenshot({ path: "test-results/screenshots/plan-executed.png", fullPage: true });

  // The same plan cannot be executed twice.
  await expect(page.getByRole("button", { name: "Execute this plan" })).toHaveCount(0);

  await page.goto("/partitions/2026-04-03");
  const silver = page.getByRole("region", { name: "Assets" }).getByRole("row", { name: /Silver ticket facts/ });
  await expect(silver).toContainText("Pending review");
  await expect(silver).toContainText("30 / 30");
  await page.screenshot({ path: "test-results/screenshots/partition-2026-04-03-after-retry.png", fullPage: true });
});
