// Every page on a store with history: 120 days built with ten earlier runs each (about 1,300 runs and evidence
// documents, 18,000 checks), 100,000 audit events over the months, plans and backfills — big enough that a page
// reading every row would fail or crawl. Each page answers 200 with the first page of its table; the evidence
// queue pages to its last page; the audit trail finds its oldest event.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "@playwright/test";
import { expect, test, signIn } from "./fixtures";
import { generate, serve, type Served } from "./processes";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "partition-desk-scale-"));
const env = {
  DATABASE_URL: `file:${path.join(dir, "store.db")}`,
  WEEK06_REPORT_DIR: path.join(dir, "reports", "week06"),
  WEEK06_PARTITION_START_DATE: "2026-01-01",
  WEEK06_PARTITION_END_DATE: "2026-04-30",
  WEEK06_DEFAULT_PARTITION: "2026-04-17",
  PARTITION_DESK_DEMO: "1",
  WORKER_POLL_MS: "200",
};
const port = Number(process.env.E2E_PORT) + 11;
let server: Served;
let ids: { plan: string; backfill: number; run: number; evidenceRows: number; auditRows: number };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  generate(
    [
      "--days",
      "120",
      "--tickets-per-day",
      "10",
      "--assets",
      "3",
      "--end",
      "2026-04-30",
      "--history",
      "10",
      "--audit",
      "100000",
    ],
    env,
  );
  const store = new Database(path.join(dir, "store.db"), { readonly: true });
  const one = (sql: string) => (store.prepare(sql).get() as { v: string | number }).v;
  ids = {
    plan: String(one(`SELECT "id" AS v FROM "Plan" WHERE "kind" = 'window' ORDER BY "createdAt" DESC LIMIT 1`)),
    backfill: Number(one(`SELECT MAX("id") AS v FROM "Backfill"`)),
    run: Number(one(`SELECT MAX("runId") AS v FROM "Evidence"`)),
    evidenceRows: Number(one(`SELECT COUNT(*) AS v FROM "Evidence"`)),
    auditRows: Number(one(`SELECT COUNT(*) AS v FROM "AuditEvent"`)),
  };
  store.close();
  expect(ids.evidenceRows).toBeGreaterThan(1000);
  expect(ids.auditRows).toBeGreaterThan(100_000);
  // Pages only: no worker (its first pass over a store this size would only compete with the pages measured).
  server = await serve(port, env, { worker: false });
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await server?.stop();
});

/** A page of its own browser context, signed in on the scale server. */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.base });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function open(page: Page, url: string, heading: RegExp | string, shot: string) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await page.screenshot({ path: `test-results/screenshots/scale-${shot}.png`, fullPage: true });
}

test("every page answers on a store with history, each table showing its first page", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await signedIn(browser, "operator@example.com");
  await expect(page.getByRole("link", { name: /^2026-04-17 Silver ticket facts / })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/scale-calendar.png", fullPage: true });

  await open(page, "/partitions/2026-03-10", "Partition 2026-03-10", "partition");
  expect(
    await page
      .getByRole("region", { name: /^Runs \(\d+\)$/ })
      .getByRole("row")
      .count(),
  ).toBeGreaterThan(2);
  await open(page, "/plans", "Plans", "plans");
  await expect(page.getByRole("table").getByRole("row").nth(1)).toBeVisible();
  await open(page, `/plans/${ids.plan}`, /^Window plan: backfill/, "plan");
  await open(page, "/backfills", "Backfills", "backfills");
  await open(page, `/backfills/${ids.backfill}`, /^Backfill #\d+/, "backfill");
  await open(page, `/runs/${ids.run}`, /^Run #\d+/, "run");
  await open(page, `/evidence/${ids.run}`, /Run #\d+|Evidence/, "evidence-run");
  await open(page, "/manifests", "Manifests", "manifests");
  await open(page, "/drills", "Safe drills", "drills");
  await open(page, "/strategy", "Week06 recovery strategy", "strategy");
});

test("the evidence queue pages through thousands of runs to its last page", async ({ browser }) => {
  const page = await signedIn(browser, "reviewer@example.com");
  await open(page, "/evidence?state=", "Checks & evidence", "evidence");
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(26); // header + a page of 25
  const pager = page.getByRole("navigation", { name: "Pages" });
  const pages = Math.ceil(ids.evidenceRows / 25);
  await expect(pager).toContainText(`Page 1 of ${pages}`);
  await expect(page.getByText(`${ids.evidenceRows.toLocaleString("en")} runs`)).toBeVisible();
  await page.goto(`/evidence?state=&page=${pages}`);
  await expect(pager).toContainText(`Page ${pages} of ${pages}`);
  await expect(table.getByRole("row")).toHaveCount(1 + (ids.evidenceRows - (pages - 1) * 25));
  await expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();
  await page.screenshot({ path: "test-results/screenshots/scale-evidence-last-page.png", fullPage: true });
});

test("the audit trail filters over its whole history and finds its oldest event", async ({ browser }) => {
  const page = await signedIn(browser, "viewer@example.com");
  await open(page, "/audit", "Audit trail", "audit");
  // The whole history, not a capped window (sign-ins since the count was taken add a few).
  const shown = Number((await page.getByText(/^[\d,]+ events$/).textContent())!.replace(/\D/g, ""));
  expect(shown).toBeGreaterThanOrEqual(ids.auditRows);
  // Oldest first, filtered to sign-ins: the very first event of the history, from the first day.
  await page.goto("/audit?dir=asc&action=session.");
  const first = page.getByRole("table").getByRole("row").nth(1);
  await expect(first).toContainText("2026-01-01 00:");
  await expect(first).toContainText("session.sign_in");
  await page.screenshot({ path: "test-results/screenshots/scale-audit-oldest.png", fullPage: true });
});
