// Every page, as operators and reviewers meet it on a 1024 px screen: no WCAG 2 A/AA violation (axe), no sideways
// scrolling, and a screenshot to look at.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { executedWindow, expect, test, signIn } from "./fixtures";

test.use({ viewport: { width: 1024, height: 800 } });

let ids: { plan: string; backfill: number; run: number };

test.beforeAll(async ({ browser }) => {
  ids = await executedWindow(browser);
});

const PAGES: [name: string, url: () => string, who: string][] = [
  ["calendar", () => "/", "operator@example.com"],
  ["partition", () => "/partitions/2026-04-17", "operator@example.com"],
  ["plans", () => "/plans", "operator@example.com"],
  ["plan", () => `/plans/${ids.plan}`, "operator@example.com"],
  ["backfills", () => "/backfills", "operator@example.com"],
  ["backfill", () => `/backfills/${ids.backfill}`, "operator@example.com"],
  ["run", () => `/runs/${ids.run}`, "operator@example.com"],
  ["evidence-queue", () => "/evidence", "reviewer@example.com"],
  ["evidence", () => `/evidence/${ids.run}`, "reviewer@example.com"],
  ["manifests", () => "/manifests", "viewer@example.com"],
  ["deliveries", () => "/deliveries", "operator@example.com"],
  ["workers", () => "/workers", "viewer@example.com"],
  ["drills", () => "/drills", "operator@example.com"],
  ["strategy", () => "/strategy", "viewer@example.com"],
  ["audit", () => "/audit", "viewer@example.com"],
];

async function check(page: Page, name: string) {
  const width = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect
    .soft(width.doc, `${name} is ${width.doc}px wide in a ${width.window}px window`)
    .toBeLessThanOrEqual(width.window);
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect
    .soft(
      violations.map((v) => `${name}: ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`),
    )
    .toEqual([]);
  await page.screenshot({ path: `test-results/screenshots/1024-${name}.png`, fullPage: true });
}

// One test, a step per page, soft assertions: every page is checked and every problem reported in one go.
test("every page at 1024 px: no sideways scrolling, no WCAG 2 A/AA violation", async ({ browser }) => {
  test.setTimeout(120_000);
  for (const [name, url, who] of PAGES) {
    await test.step(name, async () => {
      const context = await browser.newContext({ ...test.info().project.use, viewport: { width: 1024, height: 800 } });
      const page = await context.newPage();
      await signIn(page, who, url());
      await page.waitForLoadState("networkidle");
      await check(page, name);
      await context.close();
    });
  }
});

test("the sign-in page at 1024 px: no sideways scrolling, no WCAG 2 A/AA violation", async ({ page }) => {
  await page.goto("/login");
  await check(page, "login");
});
