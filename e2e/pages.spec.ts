// Every page, as each role that can see it meets it, in both languages, on a phone (390 px) and a small laptop
// (1024 px): no sideways scrolling, no WCAG 2 A/AA violation (axe), and a screenshot to look at. On a phone the
// header is a menu that still reaches every page, the language switcher, the awaiting-review count and sign-out.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { executedWindow, expect, test, DEMO_PASSWORD, signIn } from "./fixtures";

const SHOTS = "test-results/screenshots";
const WIDTHS = [390, 1024] as const;
const LANGUAGES = ["zh-CN", "en"] as const;
type Language = (typeof LANGUAGES)[number];
const WORDS = {
  "zh-CN": { email: "邮箱", password: "密码", submit: "登录", signOut: "退出登录", menu: "菜单" },
  en: { email: "Email", password: "Password", submit: "Sign in", signOut: "Sign out", menu: "Menu" },
} as const;

let ids: { plan: string; windowPlan: string; backfill: number; run: number };

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const executed = await executedWindow(browser);
  const context = await browser.newContext({ ...test.info().project.use });
  const page = await context.newPage();
  await signIn(page, "operator@example.com");
  // The widest plan page: every day of the two months, each with its own row (a dry run: it writes only the plan).
  const windowPlan = await page.request.post("/api/plans", {
    data: { from: "2026-03-01", to: "2026-04-30", reprocess: "all" },
  });
  expect(windowPlan.status(), await windowPlan.text()).toBe(201);
  ids = { ...executed, windowPlan: ((await windowPlan.json()) as { plan_id: string }).plan_id };
  await context.close();
});

const OPERATOR = "operator@example.com";
const REVIEWER = "reviewer@example.com";
const VIEWER = "viewer@example.com";

/** Every page, with the roles that see it differently (an operator's buttons, a reviewer's decisions, a viewer's bare reading). */
const PAGES: { name: string; url: () => string; roles: string[] }[] = [
  { name: "calendar", url: () => "/", roles: [OPERATOR, VIEWER] },
  { name: "partition", url: () => "/partitions/2026-04-17", roles: [OPERATOR, VIEWER] },
  { name: "plans", url: () => "/plans", roles: [OPERATOR] },
  { name: "plan", url: () => `/plans/${ids.plan}`, roles: [OPERATOR, REVIEWER] },
  { name: "window-plan", url: () => `/plans/${ids.windowPlan}`, roles: [OPERATOR, REVIEWER] },
  { name: "backfills", url: () => "/backfills", roles: [OPERATOR] },
  { name: "backfill", url: () => `/backfills/${ids.backfill}`, roles: [OPERATOR, REVIEWER] },
  { name: "run", url: () => `/runs/${ids.run}`, roles: [OPERATOR, VIEWER] },
  { name: "evidence-queue", url: () => "/evidence", roles: [REVIEWER, OPERATOR] },
  { name: "evidence", url: () => `/evidence/${ids.run}`, roles: [REVIEWER, OPERATOR] },
  { name: "manifests", url: () => "/manifests", roles: [VIEWER] },
  { name: "deliveries", url: () => "/deliveries", roles: [OPERATOR, VIEWER] },
  { name: "workers", url: () => "/workers", roles: [VIEWER] },
  { name: "drills", url: () => "/drills", roles: [OPERATOR, VIEWER] },
  { name: "strategy", url: () => "/strategy", roles: [VIEWER] },
  { name: "audit", url: () => "/audit", roles: [VIEWER] },
  { name: "not-found", url: () => "/no-such-page", roles: [VIEWER] },
];
const ROLES = [OPERATOR, REVIEWER, VIEWER];

async function signInAs(page: Page, email: string, language: Language) {
  const w = WORDS[language];
  await page.goto("/login");
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: w.submit, exact: true }).click();
  await expect(page.locator("header").getByRole("button", { name: w.signOut })).toBeAttached();
}

/** How far the page scrolls sideways (0: it does not). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Sideways scrolling (soft, so every page is reported in one go), axe for the first role of a page, and its
 * screenshot. `label` names the page, role, language and width in the report.
 */
async function check(page: Page, label: string, { axe, shot }: { axe: boolean; shot?: string }) {
  expect.soft(await sideways(page), `${label} scrolls sideways by`).toBeLessThanOrEqual(0);
  if (axe) {
    const { violations } = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect
      .soft(violations.map((v) => `${label}: ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target[0]})`))
      .toEqual([]);
  }
  if (shot) await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
}

async function everyPage(browser: Browser, language: Language) {
  for (const role of ROLES) {
    const context = await browser.newContext({ ...test.info().project.use, locale: language });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1024, height: 800 });
    await signInAs(page, role, language);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      for (const p of PAGES.filter((p) => p.roles.includes(role))) {
        await test.step(`${p.name} as ${role} at ${width} px`, async () => {
          await page.goto(p.url());
          await expect(page.locator("html")).toHaveAttribute("lang", language);
          await page.waitForLoadState("networkidle");
          const first = p.roles[0] === role;
          await check(page, `${p.name} (${role}, ${language}, ${width} px)`, {
            axe: first,
            shot: first ? `${width}-${language}-${p.name}` : undefined,
          });
        });
      }
    }
    await context.close();
  }
  // Signed out: the sign-in page.
  const context = await browser.newContext({ ...test.info().project.use, locale: language });
  const page = await context.newPage();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/login");
    await check(page, `login (${language}, ${width} px)`, { axe: true, shot: `${width}-${language}-login` });
  }
  await context.close();
}

for (const language of LANGUAGES) {
  test(`every page in ${language}, as each role that sees it, at 390 and 1024 px: no sideways scrolling, no WCAG 2 A/AA violation`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    await everyPage(browser, language);
  });

  test(`on a phone (${language}) the header is a menu that reaches every page, the language switcher, the awaiting-review count and sign-out`, async ({
    browser,
  }) => {
    const w = WORDS[language];
    const context = await browser.newContext({ ...test.info().project.use, locale: language });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1024, height: 800 });
    await signInAs(page, REVIEWER, language);
    const header = page.locator("header");
    const menu = header.getByRole("button", { name: w.menu });
    // A laptop shows everything, no menu button.
    await expect(menu).toBeHidden();
    await expect(header.getByRole("button", { name: w.signOut })).toBeVisible();

    await page.setViewportSize({ width: 390, height: 800 });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(header.getByRole("button", { name: w.signOut })).toBeHidden();
    await expect(header.getByRole("navigation")).toBeHidden();
    // The count of runs awaiting review shows on the closed menu button too (the seeded store has some).
    await expect(menu).toContainText(/\d+/);

    // Keyboard: the menu opens with Enter, its links and buttons inside the phone's width.
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    const panel = page.locator(`#${await menu.getAttribute("aria-controls")}`);
    await expect(panel).toBeVisible();
    const signOut = panel.getByRole("button", { name: w.signOut });
    await expect(signOut).toBeVisible();
    await expect(panel.getByRole("button", { name: "English" })).toBeVisible();
    await expect(panel.getByRole("button", { name: "中文" })).toBeVisible();
    await expect(panel.getByRole("navigation").getByRole("link")).toHaveCount(9);
    for (const target of [signOut, panel.getByRole("navigation").getByRole("link").last()]) {
      const box = (await target.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/390-${language}-menu-open.png`, fullPage: true });

    // Escape closes it and gives the focus back to the button.
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();

    // A link in the menu navigates, and the menu closes behind it.
    await menu.click();
    await panel.getByRole("navigation").getByRole("link").nth(1).click();
    await expect(page).toHaveURL(/\/plans$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");

    // Sign-out is reachable and works.
    await menu.click();
    await signOut.click();
    await expect(page.getByRole("button", { name: w.submit, exact: true })).toBeVisible();
    await context.close();
  });
}
