// Partition Desk on PostgreSQL as a team runs it: a real PostgreSQL 15 server, two web servers and two workers on
// one database. The main flow in Chromium — calendar → plan the 04-17 backfill on one server → execute it from
// the other → the workers run it → evidence → a reviewer approves on the first → consumable through the second.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startPostgres } from "../scripts/postgres.mjs";
import { signIn } from "./fixtures";
import { serve, type Served } from "./processes";

const base = Number(process.env.E2E_PORT);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "partition-desk-pg-e2e-"));
let database: { url: string; stop(): void };
let servers: Served[] = [];
let env: Record<string, string>;

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
  await expect(elsewhere.getByRole("region", { name: "Status: completed" })).toBeVisible({ timeout: 30_000 });
  const backfillPath = new URL(elsewhere.url()).pathname;
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
