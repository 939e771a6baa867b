// The whole product in the course's language and in English: the main flow in zh-CN, the switcher remembered per
// user, no page showing a catalog key, and screenshots of the main pages in both languages.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { englishRuns } from "@/lib/i18n/english-runs";
import { expect, test, DEMO_PASSWORD } from "./fixtures";

const SHOTS = "test-results/screenshots";

/**
 * English sentences on a page meant to be Chinese (lib/i18n/english-runs.ts: three or more English words in a row):
 * in its text and in what a screen reader says (aria-label, title, placeholder). Code, JSON and what is marked as
 * another language (`lang="en"`: a plan document's own hashed words) are left out: they are shown as recorded.
 */
async function englishSentences(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const apart = "code, pre, kbd, samp, script, style, noscript, [lang]:not([lang^='zh'])";
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    // Text nodes of one element are read together: a sentence may be cut by a link or a <strong>.
    const byParent = new Map<Element, string>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest(apart)) continue;
      byParent.set(parent, `${byParent.get(parent) ?? ""} ${n.textContent ?? ""}`);
    }
    out.push(...byParent.values());
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
      if (el.closest(apart)) continue;
      for (const name of ["aria-label", "title", "placeholder"])
        if (el.hasAttribute(name)) out.push(`${name}: ${el.getAttribute(name)}`);
    }
    return out;
  });
  return [...new Set(texts.flatMap((t) => englishRuns(t).map((run) => `"${run}" in "${t.trim().slice(0, 160)}"`)))];
}

/** A page in both widths an operator reads it at: a desk (1024 px) and a phone (390 px). */
async function shoot(page: Page, name: string) {
  const size = page.viewportSize()!;
  for (const width of [1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(size);
}

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

  test("what the store recorded reads in Chinese: plan, checks, run errors, a cancelled backfill, strategy, audit, manifests, calendar", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    await signInAs(page, "lead@example.com", ZH);
    // A window that rewrites released partitions (its approval text), approved by another person, executed and
    // cancelled at once: the runs not yet started are cancelled before they start.
    const planned = await page.request.post("/api/plans", {
      data: { from: "2026-03-01", to: "2026-03-14", reprocess: "all" },
    });
    expect(planned.status(), await planned.text()).toBe(201);
    const planId = ((await planned.json()) as { plan_id: string }).plan_id;
    const context = await browser.newContext({ ...test.info().project.use, locale: "zh-CN" });
    const reviewer = await context.newPage();
    await signInAs(reviewer, "reviewer@example.com", ZH);
    const approved = await reviewer.request.post(`/api/plans/${planId}/approve`, {
      data: { reason: "已核对：这些分区在重写期间会暂停消费" },
    });
    expect(approved.status(), await approved.text()).toBe(200);
    await context.close();
    const executed = await page.request.post(`/api/plans/${planId}/execute`, { data: { confirm_withdraw: true } });
    expect(executed.status(), await executed.text()).toBe(202);
    const backfillId = ((await executed.json()) as { backfill_id: number }).backfill_id;
    const cancelled = await page.request.post(`/api/backfills/${backfillId}`, { data: { control: "cancel" } });
    expect(cancelled.status(), await cancelled.text()).toBe(200);
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(`/api/backfills/${backfillId}`)).json()) as { status: string }).status,
      )
      .toBe("cancelled");

    // The same pages in English, beside them (another reader, whose browser asks for English).
    const english = await browser.newContext({ ...test.info().project.use, locale: "en-US" });
    const enPage = await english.newPage();
    await signInAs(enPage, "operator@example.com", EN);
    const read = async (path: string, shot: string) => {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      expect(await englishSentences(page), path).toEqual([]);
      await expectNoKeyNames(page);
      await shoot(page, `zh-said-${shot}`);
      await enPage.goto(path);
      await expect(enPage.locator("html")).toHaveAttribute("lang", "en");
      await expectNoKeyNames(enPage);
      await shoot(enPage, `en-said-${shot}`);
    };
    await read(`/plans/${planId}`, "plan");
    await expect(page.getByRole("region", { name: "已获第二人批准" })).toContainText("它会重写 14 个已发布分区");
    await read(`/backfills/${backfillId}`, "backfill-cancelled");
    // Why a run was cancelled is said on its own page (the backfill's runs table gives its status).
    const progress = (await (await page.request.get(`/api/backfills/${backfillId}`)).json()) as {
      partitions: { runId: number; status: string }[];
    };
    // A run the cancel met before it started, or one it stopped at its next step: each says why in Chinese.
    const cancelledRun = progress.partitions.findLast((p) => p.status === "cancelled")!.runId;
    await read(`/runs/${cancelledRun}`, "run-cancelled");
    await expect(
      page.getByText(/开始前被 lead@example\.com 随回填 \d+ 一并取消|运行中被取消：在下一步之前停止/).first(),
    ).toBeVisible();
    // A quarantined partition: its checks (one failed), and the run and evidence of the write that failed them.
    await read("/partitions/2026-04-09", "partition-checks");
    await expect(page.getByText("25 行的优先级缺失或无效").first()).toBeVisible();
    await page
      .getByRole("link", { name: /^#\d+$/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/runs\/\d+$/);
    await page.getByRole("link", { name: /^运行 #\d+ 的证据$/ }).click();
    await expect(page).toHaveURL(/\/evidence\/\d+$/);
    await read(page.url(), "evidence-checks");
    // A run that failed: the system's own words are quoted as recorded, set apart from ours.
    await page.goto("/partitions/2026-04-03");
    await page
      .getByRole("link", { name: /^#\d+$/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/runs\/\d+$/);
    await read(page.url(), "run-error");
    await expect(page.getByRole("code").filter({ hasText: "SQLITE_BUSY: database is locked" }).first()).toBeVisible();
    await read("/strategy", "strategy");
    await expect(page.getByText("主表：下游 week07/week08 读取它")).toBeVisible();
    await read("/audit", "audit");
    await read("/manifests", "manifests");
    await expect(page.getByRole("heading", { name: "上游清单（manifest）" })).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "清单" })).toBeVisible();
    await read("/", "calendar");
    // A day's name for a screen reader says which asset in the reader's language, not its path.
    await expect(page.getByRole("link", { name: "2026-03-22 Silver 工单事实 缺失", exact: true })).toBeVisible();
    await expect(page.getByRole("form", { name: "显示范围" }).getByLabel("从")).toHaveAttribute(
      "placeholder",
      "年-月-日",
    );
    await english.close();
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
