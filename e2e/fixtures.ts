import fs from "node:fs";
import path from "node:path";
import { expect, test as base, type Browser, type Page } from "@playwright/test";

export { expect };

/**
 * What a server writes when a request failed (answered 5xx): the line instrumentation.ts writes for it, Next.js's
 * own error lines (⨯), an unhandled rejection or exception.
 */
const FAILED_REQUEST = /^(request failed: |⨯ |Unhandled Rejection|Uncaught Exception|uncaughtException)/;

/** Every server's log: the configured stores' (playwright.config.ts) and the ones specs start (e2e/processes.ts). */
function serverLogs(): string[] {
  const dir = process.env.E2E_DIR!;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f).startsWith("server") && f.endsWith(".log"))
    .map((f) => path.join(dir, f));
}

/** The failed-request lines each log gained since `since` (its sizes then), each with the lines that follow it. */
function failedRequestsSince(since: Map<string, number>): string[] {
  const found: string[] = [];
  for (const file of serverLogs()) {
    const from = since.get(file) ?? 0;
    const size = fs.statSync(file).size;
    if (size <= from) continue;
    const fd = fs.openSync(file, "r");
    const added = Buffer.alloc(size - from);
    fs.readSync(fd, added, 0, added.length, from);
    fs.closeSync(fd);
    // Without the colours a server writes on a terminal.
    const lines = added
      .toString("utf8")
      .replace(/\x1b\[[0-9;]*m/g, "")
      .split("\n");
    lines.forEach((line, i) => {
      if (FAILED_REQUEST.test(line.trim()))
        found.push(`${path.relative(process.env.E2E_DIR!, file)}: ${lines.slice(i, i + 6).join("\n  ")}`);
    });
  }
  return found;
}

/**
 * Every spec imports `test` from here: besides its own assertions, a test fails when any server answered a request
 * with a 5xx while it ran — a poll the page made in the background (GET /api/changes) included, which no assertion
 * of the spec would notice.
 */
export const test = base.extend<{ serverErrors: void }>({
  serverErrors: [
    async ({}, use) => {
      const since = new Map(serverLogs().map((f) => [f, fs.statSync(f).size]));
      await use();
      expect(failedRequestsSince(since), "requests the servers failed (5xx) during this test").toEqual([]);
    },
    { auto: true },
  ],
});

export const DEMO_PASSWORD = "partition-desk-demo";

export async function signIn(page: Page, email: string, next = "/") {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/**
 * A plan that rewrites two released days (`from`..`to`), approved by a reviewer and executed to completion by an
 * operator: a plan, a backfill and a run of the spec's own to open (a fresh plan every time: a retried worker runs
 * this again). Each spec takes days of its own: once executed, they await review and need no second approval.
 */
export async function executedWindow(
  browser: Browser,
  from = "2026-03-05",
  to = "2026-03-06",
): Promise<{ plan: string; backfill: number; run: number }> {
  const context = await browser.newContext({ ...test.info().project.use });
  const page = await context.newPage();
  await signIn(page, "operator@example.com");
  // A fresh plan every time (a worker restarted after a failed test runs this again): once the window has been
  // executed its days await review, and the plan of them needs no second approval.
  const plan = (await (await page.request.post("/api/plans", { data: { from, to, reprocess: "all" } })).json()) as {
    plan_id: string;
    approval_required: string | null;
  };
  if (plan.approval_required) {
    // The window rewrites released days: a second person approves it first (policy blast_radius).
    const reviewer = await (await browser.newContext({ ...test.info().project.use })).newPage();
    await signIn(reviewer, "reviewer@example.com");
    const approved = await reviewer.request.post(`/api/plans/${plan.plan_id}/approve`, {
      data: { reason: "e2e: both days checked" },
    });
    expect(approved.status(), await approved.text()).toBe(200);
    await reviewer.context().close();
  }
  // A worker restarted twice meets the same plan again, already executed: the refusal names its backfill.
  const execute = await page.request.post(`/api/plans/${plan.plan_id}/execute`, { data: { confirm_withdraw: true } });
  const answer = (await execute.json()) as { backfill_id?: number; message?: string };
  const backfill = answer.backfill_id ?? Number(/\(backfill (\d+)\)/.exec(answer.message ?? "")?.[1]);
  expect(backfill, JSON.stringify(answer)).toBeGreaterThan(0);
  let run = 0;
  await expect(async () => {
    const progress = (await (await page.request.get(`/api/backfills/${backfill}`)).json()) as {
      status: string;
      partitions: { runId: number }[];
    };
    expect(progress.status).toBe("completed");
    run = progress.partitions[0]!.runId;
  }).toPass({ timeout: 60_000 });
  await context.close();
  return { plan: plan.plan_id, backfill, run };
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
