// The whole product in the course's language and in English: the main flow in zh-CN, the switcher remembered per
// user, no page showing a catalog key, and screenshots of the main pages in both languages.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test, DEMO_PASSWORD } from "./fixtures";

const SHOTS = "test-results/screenshots";

/** Every key of the catalog (`namespace.key`): none may appear on a page, as next-intl shows a missing message. */
function catalogKeys(): string[] {
  const walk = (tree: Record<string, unknown>, prefix = ""): string[] =>
    Object.entries(tree).flatMap(([k, v]) =>
      typeof v === "string" ? [`${prefix}${k}`] : walk(v as Record<string, unknown>, `${prefix}${k}.`),
    );
  return walk(JSON.parse(fs.readFileSync("lib/i18n/messages/en.json", "utf8")) as Record<string, unknown>);
}
const KEYS = catalogKeys();

async function expectNoKeyNames(page: Page) {
  const shown = await page.locator("body").innerText();
  expect(KEYS.filter((k) => shown.includes(k))).toEqual([]);
}

async function signInAs(
  page: Page,
  email: string,
  labels: { email: string; password: string; submit: string; signOut: string },
) {
  await page.goto("/login");
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
  await expect(page.getByRole("button", { name: labels.signOut })).toBeVisible();
}

const ZH = { email: "邮箱", password: "密码", submit: "登录", signOut: "退出登录" };
const EN = { email: "Email", password: "Password", submit: "Sign in", signOut: "Sign out" };

test.describe("中文 (the browser asks for zh-CN)", () => {
  test.use({ locale: "zh-CN" });

  test("the main flow: calendar → plan backfill of 2026-04-17 → execute → evidence → approve, all in Chinese", async ({
    page,
    browser,
  }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { name: "登录 Partition Desk" })).toBeVisible();
    await signInAs(page, "operator@example.com", ZH);

    await expect(page.getByRole("heading", { name: "分区日历" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /个分区需要恢复$/ })).toBeVisible();
    await expect(page.getByRole("list", { name: "图例" })).toContainText("已发布");
    await expect(page.locator(".month figcaption").first()).toHaveText("2026年3月");
    await page.screenshot({ path: `${SHOTS}/zh-calendar.png`, fullPage: true });
    await expectNoKeyNames(page);

    const gap = page.getByRole("row", { name: /^2026-04-17 / });
    await expect(gap).toContainText("缺失");
    await gap.getByRole("button", { name: "计划回填" }).click();
    await expect(page).toHaveURL(/\/plans\/[0-9a-f]{16}$/);
    await expect(page.getByRole("heading", { name: "计划：backfill 2026-04-17" })).toBeVisible();
    // What is never translated stays as it is: field names, tokens, the guard.
    await expect(page.getByText("ticket_id + partition_key").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "计划字段逐项" })).toContainText("idempotency_guard");
    await page.screenshot({ path: `${SHOTS}/zh-plan.png`, fullPage: true });
    await expectNoKeyNames(page);

    await page.getByRole("button", { name: "执行此计划" }).click();
    await expect(page).toHaveURL(/\/backfills\/\d+$/);
    await expect(page.getByRole("heading", { name: /^回填 #\d+：backfill 2026-04-17$/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "状态： 已完成" })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByLabel("计数")).toContainText("1 完成 · 0 失败");
    await expectNoKeyNames(page);

    await page.goto("/partitions/2026-04-17");
    await expect(page.getByRole("heading", { name: /^分区 2026-04-17/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "资产" })).toContainText("待审核");
    await page.screenshot({ path: `${SHOTS}/zh-partition.png`, fullPage: true });
    await expectNoKeyNames(page);

    // The reviewer, in another session: the queue, the evidence, the approval — and the operator's own approval refused.
    const context = await browser.newContext({ ...test.info().project.use, locale: "zh-CN" });
    const reviewer = await context.newPage();
    await signInAs(reviewer, "reviewer@example.com", ZH);
    await expect(reviewer.getByRole("heading", { name: "检查与证据" })).toBeVisible();
    await reviewer
      .getByRole("row", { name: /2026-04-17/ })
      .getByRole("link", { name: /^运行 #\d+$/ })
      .click();
    await expect(reviewer.getByRole("heading", { name: /^运行 #\d+ 的证据：backfill 2026-04-17$/ })).toBeVisible();
    await expect(reviewer.getByRole("list", { name: "该分区当前进度" })).toContainText("已检查");
    await reviewer.getByRole("button", { name: "批准…" }).click();
    await reviewer.getByRole("button", { name: "是，批准并发布 2026-04-17" }).click();
    // The decision is drawn in place of the form, with the way on to the next run awaiting review.
    await expect(reviewer.getByRole("region", { name: "决定" })).toContainText("已批准 由 reviewer@example.com 于");
    await expect(reviewer.getByRole("list", { name: "该分区当前进度" })).toContainText("下游可以消费");
    await reviewer.screenshot({ path: `${SHOTS}/zh-evidence.png`, fullPage: true });
    await expectNoKeyNames(reviewer);
    await context.close();

    // A refusal keeps its meaning: the stable code, and the policy rule named as the same token.
    const refused = await page.request.post("/api/plans", {
      data: { partition: "2026-04-17", mode: "bogus" },
      headers: { "accept-language": "zh-CN" },
    });
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toEqual({
      code: "invalid",
      message: "Unsupported Week06 backfill mode: bogus（不支持的模式，应为 dry-run 或 execute）",
    });
  });

  test("an unknown page says so in Chinese", async ({ page }) => {
    await signInAs(page, "viewer@example.com", ZH);
    await page.goto("/runs/999999");
    await expect(page.getByRole("heading", { name: "找不到页面" })).toBeVisible();
  });
});

test.describe("English, and the switcher", () => {
  test.use({ locale: "en-US" });

  test("the switcher changes the language at once and the choice follows the user through sign-out and sign-in", async ({
    page,
  }) => {
    await signInAs(page, "viewer@example.com", EN);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "Partition calendar" })).toBeVisible();

    await page.getByRole("form", { name: "Language" }).getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("heading", { name: "分区日历" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("button", { name: "中文" })).toHaveAttribute("aria-pressed", "true");

    await page.getByRole("button", { name: "退出登录" }).click();
    // Signed out, the browser's language decides again.
    await expect(page.getByRole("heading", { name: "Sign in to Partition Desk" })).toBeVisible();
    await signInAs(page, "viewer@example.com", { ...EN, signOut: "退出登录" });
    await expect(page.getByRole("heading", { name: "分区日历" })).toBeVisible();

    await page.getByRole("form", { name: "语言" }).getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Partition calendar" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("the main pages in English, with no key names (screenshots beside the Chinese ones)", async ({ page }) => {
    await signInAs(page, "lead@example.com", EN);
    await expect(page.getByRole("heading", { name: "Partition calendar" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/en-calendar.png`, fullPage: true });
    await expectNoKeyNames(page);
    await page.goto("/partitions/2026-04-17");
    await expect(page.getByRole("heading", { name: /^Partition 2026-04-17/ })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/en-partition.png`, fullPage: true });
    await expectNoKeyNames(page);
    // A dry run writes nothing but the plan; the seeded store has approved evidence to open.
    await page.goto("/partitions/2026-03-22");
    await page.getByRole("region", { name: "Recovery" }).getByRole("button", { name: "Plan backfill" }).click();
    await expect(page.getByRole("heading", { name: "Plan: backfill 2026-03-22" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/en-plan.png`, fullPage: true });
    await expectNoKeyNames(page);
    await page.goto("/evidence?state=approved");
    await page
      .getByRole("link", { name: /^Run #\d+$/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: /^Evidence of run #\d+: / })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/en-evidence.png`, fullPage: true });
    await expectNoKeyNames(page);
    for (const path of ["/backfills", "/manifests", "/drills", "/strategy", "/audit", "/deliveries", "/workers"]) {
      await page.goto(path);
      await expectNoKeyNames(page);
    }
  });

  test("every page in Chinese shows no key names either", async ({ page }) => {
    await signInAs(page, "lead@example.com", EN);
    await page.getByRole("form", { name: "Language" }).getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("heading", { name: "分区日历" })).toBeVisible();
    for (const path of [
      "/backfills",
      "/manifests",
      "/drills",
      "/strategy",
      "/audit",
      "/deliveries",
      "/workers",
      "/plans",
      "/evidence",
    ]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      await expectNoKeyNames(page);
      await page.screenshot({ path: `${SHOTS}/zh${path.replace("/", "-")}.png`, fullPage: true });
    }
    await page.getByRole("form", { name: "语言" }).getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});
