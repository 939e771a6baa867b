// Partition Desk on PostgreSQL as a team runs it: a real PostgreSQL 15 server, two web servers and two workers on
// one database. The main flow in Chromium — calendar → plan the 04-17 backfill on one server → execute it from
// the other → the workers run it → evidence → a reviewer approves on the first → consumable through the second;
// open pages following a backfill live while it runs (they poll GET /api/changes); the review queue; every page.
// As in every spec, a test fails when a server answered any request with a 5xx (e2e/fixtures.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { startPostgres } from "../scripts/postgres.mjs";
import { expect, test, signIn } from "./fixtures";
import { serve, type Served } from "./processes";

const base = Number(process.env.E2E_PORT);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "partition-desk-pg-e2e-"));
let database: { url: string; stop(): void };
let servers: Served[] = [];
let env: Record<string, string>;
/** The main flow's backfill (tests run in order: the page tour opens it). */
let backfillPath = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = startPostgres({ port: base + 30 });
  env = {
    DATABASE_URL: database.url,
    WEEK06_REPORT_DIR: path.join(dir, "reports", "week06"),
    WEEK06_PARTITION_START_DATE: "2026-03-01",
    WEEK06_PARTITION_END_DATE: "2026-04-30",
    WEEK06_DEFAULT_PARTITION: "2026-04-17",
    PARTITION_DESK_DEMO: "1",
    PARTITION_DESK_LOCALE: "en",
    WORKER_POLL_MS: "100",
    // Each step waits a second: a backfill runs long enough for its open pages to poll and follow it.
    WORKER_STEP_DELAY_MS: "1000",
  };
  execFileSync(process.execPath, ["--import", "tsx", "scripts/setup-db.ts"], {
    env: { ...process.env, ...env },
    stdio: "ignore",
  });
  // Two web servers, each with a worker, on one database.
  servers = await Promise.all([serve(base + 31, env), serve(base + 32, env)]);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await Promise.all(servers.map((s) => s.stop()));
  database?.stop();
});

async function on(browser: Browser, server: Served, email: string, next = "/"): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.base });
  const page = await context.newPage();
  await signIn(page, email, next);
  return page;
}

test("the main flow across two web servers on one PostgreSQL database", async ({ browser }) => {
  test.setTimeout(120_000);
  const [first, second] = servers as [Served, Served];
  const operator = await on(browser, first, "operator@example.com", "/?from=2026-04-01&to=2026-04-30");
  const gap = operator.getByRole("region", { name: /needs? recovery/ }).getByRole("row", { name: /2026-04-17/ });
  await gap.getByRole("button", { name: "Plan backfill" }).click();
  await expect(operator.getByRole("heading", { name: "Plan: backfill 2026-04-17" })).toBeVisible();
  const planPath = new URL(operator.url()).pathname;

  // The plan made on the first server is executed from the second.
  const elsewhere = await on(browser, second, "operator@example.com", planPath);
  await elsewhere.getByRole("button", { name: "Execute this plan" }).click();
  await expect(elsewhere).toHaveURL(/\/backfills\/\d+$/);
  await expect(elsewhere.getByRole("region", { name: "Status: completed" })).toBeVisible({ timeout: 60_000 });
  backfillPath = new URL(elsewhere.url()).pathname;
  await operator.goto(backfillPath);
  await expect(operator.getByRole("region", { name: "Status: completed" })).toBeVisible();
  const progress = async (s: Served) =>
    (
      (await (await (s === first ? operator : elsewhere).request.get(`/api${backfillPath}`)).json()) as {
        counts: unknown;
      }
    ).counts;
  expect(await progress(first)).toEqual(await progress(second));
  const { partitions } = (await (await elsewhere.request.get(`/api${backfillPath}`)).json()) as {
    partitions: { runId: number }[];
  };
  const runId = partitions[0]!.runId;

  // A reviewer approves on the first server; the second answers consumable.
  const reviewer = await on(browser, first, "reviewer@example.com", `/evidence/${runId}`);
  await reviewer.getByRole("button", { name: "Approve…" }).click();
  await reviewer.getByRole("button", { name: "Yes, approve and release 2026-04-17" }).click();
  await expect(reviewer.getByRole("region", { name: "Decision" })).toContainText("approved by reviewer@example.com");
  await reviewer.screenshot({ path: "test-results/screenshots/postgres-evidence-approved.png", fullPage: true });
  const consumption = await fetch(`${second.base}/api/consumption/2026-04-17?consumer=week07`, {
    headers: { authorization: "Bearer week07-consumer-demo-token" },
  });
  expect(await consumption.json()).toMatchObject({ partition_key: "2026-04-17", consumable: true });
});

test("open pages follow a running backfill live; the review queue lists its runs", async ({ browser }) => {
  test.setTimeout(180_000);
  const [first, second] = servers as [Served, Served];
  // Opened before anything runs: it must change by itself, through its poll of GET /api/changes.
  const watcher = await on(browser, second, "viewer@example.com", "/partitions/2026-03-22");
  const silver = watcher.getByRole("region", { name: "Assets" }).getByRole("row", { name: /Silver ticket facts/ });
  await expect(silver).toContainText("Missing");

  const operator = await on(browser, first, "operator@example.com");
  const form = operator.getByRole("region", { name: "Plan a backfill window" });
  await form.getByLabel("From").fill("2026-03-22");
  await form.getByLabel("To").fill("2026-03-24");
  await form.getByRole("button", { name: "Plan window" }).click();
  await expect(operator.getByRole("region", { name: /Partitions \(3 of 3 included\)/ })).toBeVisible();
  await operator.getByRole("button", { name: "Execute this plan" }).click();
  await expect(operator).toHaveURL(/\/backfills\/\d+$/);
  // The backfill page while it runs (three partitions, three steps each, a second per step): its strip fills in.
  const strip = operator.getByRole("list", { name: "Partitions of this backfill" });
  await expect(strip.getByRole("link")).toHaveCount(3);
  await expect(strip.getByRole("link", { name: /^2026-03-24 done/ })).toBeVisible({ timeout: 60_000 });
  await operator.screenshot({ path: "test-results/screenshots/postgres-backfill-running.png", fullPage: true });
  await expect(operator.getByRole("region", { name: "Status: completed" })).toBeVisible({ timeout: 60_000 });

  // The partition page opened before the run redrew itself: no reload.
  await expect(silver).toContainText("Pending review", { timeout: 60_000 });

  // The review queue on the other server lists the three runs awaiting review.
  const reviewer = await on(
    browser,
    second,
    "reviewer@example.com",
    "/evidence?state=awaiting+review&partition=2026-03",
  );
  for (const key of ["2026-03-22", "2026-03-23", "2026-03-24"])
    await expect(reviewer.getByRole("row", { name: new RegExp(key) })).toBeVisible();
  await reviewer.screenshot({ path: "test-results/screenshots/postgres-review-queue.png", fullPage: true });
});

test("every page answers on PostgreSQL", async ({ browser }) => {
  test.setTimeout(120_000);
  const [first] = servers as [Served, Served];
  const operator = await on(browser, first, "operator@example.com");
  const { planId, partitions } = (await (await operator.request.get(`/api${backfillPath}`)).json()) as {
    planId: string;
    partitions: { runId: number }[];
  };
  const runId = partitions[0]!.runId;
  for (const path of [
    "/",
    "/partitions/2026-04-09",
    "/plans",
    `/plans/${planId}`,
    "/backfills",
    backfillPath,
    `/runs/${runId}`,
    "/evidence",
    `/evidence/${runId}`,
    "/manifests",
    "/deliveries",
    "/workers",
    "/drills",
    "/strategy",
    "/audit",
  ]) {
    const response = await operator.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(operator.getByRole("heading", { level: 1 }).first()).toBeVisible();
  }
});
