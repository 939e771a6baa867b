import { expect, test, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "partition-desk-demo";

export async function signIn(page: Page, email: string, next = "/") {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/**
 * Four eyes on a plan that rewrites released partitions: `approver` (not its planner) approves it from their own
 * session, then `page` (the planner's) is reloaded so its Execute button appears.
 */
export async function secondApproval(page: Page, browser: Browser, approver = "reviewer@example.com") {
  const planId = /\/plans\/([0-9a-f]{16})$/.exec(page.url())?.[1];
  expect(planId, `a plan page, not ${page.url()}`).toBeTruthy();
  await expect(page.getByRole("region", { name: "Second approval needed" })).toBeVisible();
  const context = await browser.newContext({ ...test.info().project.use });
  const other = await context.newPage();
  await signIn(other, approver);
  const approved = await other.request.post(`/api/plans/${planId}/approve`, {
    data: { reason: "e2e: a second person checked what the rewrite withdraws" },
  });
  expect(approved.status(), await approved.text()).toBe(200);
  await context.close();
  await page.reload();
  await expect(page.getByRole("region", { name: "Second approval given" })).toBeVisible();
}

/**
 * Screenshots of what `show` brings up, as the signed-in user of `page`, in Chinese and English at 1024 and 390 px
 * wide: test-results/screenshots/<name>-<locale>-<width>.png. The reader's language follows the browser's (no stored
 * choice), so `show` gets the locale to pick its labels.
 */
export async function screenshotsInBothLanguages(
  page: Page,
  browser: Browser,
  name: string,
  show: (p: Page, locale: "zh-CN" | "en") => Promise<void>,
) {
  const storageState = await page.context().storageState();
  for (const locale of ["zh-CN", "en"] as const)
    for (const width of [1024, 390]) {
      const context = await browser.newContext({
        ...test.info().project.use,
        locale,
        storageState,
        viewport: { width, height: 900 },
      });
      const p = await context.newPage();
      await show(p, locale);
      await p.screenshot({ path: `test-results/screenshots/${name}-${locale}-${width}.png`, fullPage: true });
      await context.close();
    }
}
