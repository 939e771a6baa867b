// Control while it runs: a worker executes a 365-day backfill on a generated store while the web server keeps
// answering pages and APIs (latencies recorded, requests answered *during* the run); Cancel stops it with no
// partial partition; a server restarted with an unusable evidence folder still serves, saying what is wrong; and
// stopping the server stops it even while an open page keeps a connection busy.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, signIn } from "./fixtures";
import { generate, serve } from "./processes";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "partition-desk-responsive-"));
const env = {
  DATABASE_URL: `file:${path.join(dir, "store.db")}`,
  WEEK06_REPORT_DIR: path.join(dir, "reports", "week06"),
  WEEK06_PARTITION_START_DATE: "2025-05-01",
  WEEK06_PARTITION_END_DATE: "2026-04-30",
  WEEK06_DEFAULT_PARTITION: "2026-04-17",
  PARTITION_DESK_DEMO: "1",
  WORKER_POLL_MS: "100",
};
const port = Number(process.env.E2E_PORT) + 10;
const TOKEN = { authorization: "Bearer week07-consumer-demo-token" };

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  test.setTimeout(180_000);
  // 365 missing partitions × 30 tickets: manifests loaded, nothing built yet.
  generate(
    ["--days", "365", "--tickets-per-day", "30", "--assets", "3", "--build", "none", "--end", "2026-04-30"],
    env,
  );
});

test("the server answers while a worker runs a 365-day backfill, and Cancel stops it with no partial partition", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const server = await serve(port, env);
  try {
    const context = await browser.newContext({ baseURL: server.base });
    const page = await context.newPage();
    await signIn(page, "operator@example.com");
    const api = page.request;
    const planned = await api.post("/api/plans", {
      data: { from: "2025-05-01", to: "2026-04-30", reprocess: "missing" },
    });
    expect(planned.status()).toBe(201);
    const plan = (await planned.json()) as { plan_id: string; partitions: { included: boolean }[] };
    expect(plan.partitions.filter((p) => p.included)).toHaveLength(365);
    const executed = await api.post(`/api/plans/${plan.plan_id}/execute`);
    expect(executed.status()).toBe(202);
    const { backfill_id: id } = (await executed.json()) as { backfill_id: number };

    type Progress = { status: string; counts: { done: number; left: number } };
    const progress = async () => (await (await api.get(`/api/backfills/${id}`)).json()) as Progress;
    const samples: { url: string; ms: number; status: number; doneBefore: number; doneAfter: number }[] = [];
    const timed = async (url: string, headers?: Record<string, string>) => {
      const before = (await progress()).counts.done;
      const t = performance.now();
      const res = await api.get(url, { headers });
      const ms = performance.now() - t;
      samples.push({ url, ms, status: res.status(), doneBefore: before, doneAfter: (await progress()).counts.done });
    };
    // The backfill's own page stays open meanwhile (polling its progress every second and the change token every
    // three), and its page and progress API are asked for alongside the other requests.
    const watcher = await context.newPage();
    await watcher.goto(`/backfills/${id}`);
    const percent = watcher.getByRole("region", { name: /^Status:/ }).locator(".percent-done");
    await expect(percent).toBeVisible();
    const percentAtStart = await percent.textContent();
    let sampling = true;
    const backfillSamples = (async () => {
      while (sampling) {
        await timed(`/backfills/${id}?status=succeeded`);
        await timed(`/api/backfills/${id}`);
      }
    })();
    // Sample until a good part of the window is built and at least 20 requests were answered while it ran (however
    // busy the machine is: that decides how many fit in, not whether the server answers).
    const answeredDuring = () => samples.filter((s) => s.doneAfter > 0 && s.doneBefore < 365).length;
    for (let done = 0; done < 60 || (answeredDuring() < 20 && done < 365); done = (await progress()).counts.done) {
      await timed("/?from=2026-04-01&to=2026-04-30");
      await timed("/api/consumption/2026-04-17?consumer=week07", TOKEN);
    }
    sampling = false;
    await backfillSamples;
    // It moved on screen while the worker ran (no reload).
    await expect(percent).not.toHaveText(percentAtStart!);
    // Cancel all from that page, through its confirmation, while the worker runs.
    const cancelAt = performance.now();
    await watcher.getByRole("button", { name: "Cancel all…" }).click();
    await watcher
      .getByRole("group", { name: "Confirm cancelling the backfill" })
      .getByRole("button", { name: /^Yes, cancel \d+ partitions$/ })
      .click();
    await expect(watcher.getByRole("region", { name: /^Status: (cancelling|cancelled)$/ })).toBeVisible();
    await watcher.close();
    let final = await progress();
    while (final.status !== "cancelled") {
      await new Promise((r) => setTimeout(r, 25));
      final = await progress();
    }
    const cancelMs = performance.now() - cancelAt;

    // Answered during the run: every request got its answer, and the backfill moved on while they were served.
    expect(samples.every((s) => s.status === 200)).toBe(true);
    expect(answeredDuring()).toBeGreaterThanOrEqual(20);
    expect(new Set(samples.map((s) => s.doneBefore)).size).toBeGreaterThan(5);
    const sorted = (url: string) =>
      samples
        .filter((s) => s.url.startsWith(url))
        .map((s) => s.ms)
        .sort((a, b) => a - b);
    const p = (xs: number[], q: number) => Math.round(xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!);
    const summary = `calendar p50 ${p(sorted("/?"), 0.5)} ms p95 ${p(sorted("/?"), 0.95)} ms; consumption p50 ${p(sorted("/api/consumption"), 0.5)} ms p95 ${p(sorted("/api/consumption"), 0.95)} ms; backfill page p50 ${p(sorted("/backfills/"), 0.5)} ms p95 ${p(sorted("/backfills/"), 0.95)} ms; progress API p50 ${p(sorted("/api/backfills/"), 0.5)} ms p95 ${p(sorted("/api/backfills/"), 0.95)} ms; ${samples.length} requests; cancel → cancelled ${Math.round(cancelMs)} ms`;
    test.info().annotations.push({ type: "latency while a 365-day backfill runs", description: summary });
    console.log(`latency while a 365-day backfill runs: ${summary}`);

    // Cancelled, nothing partial: each partition holds all of its rows on raw and silver, or none.
    expect(final.counts.left).toBe(0);
    const store = new Database(path.join(dir, "store.db"), { readonly: true });
    const rows = store
      .prepare(
        `SELECT i."partitionKey" AS key, i."expectedCount" AS expected,
                (SELECT COUNT(*) FROM "RawTicketEvent" r WHERE r."partitionKey" = i."partitionKey") AS raw,
                (SELECT COUNT(*) FROM "SilverTicketFact" s WHERE s."partitionKey" = i."partitionKey") AS silver
         FROM "PartitionInput" i`,
      )
      .all() as { key: string; expected: number; raw: number; silver: number }[];
    store.close();
    expect(rows).toHaveLength(365);
    const built = rows.filter((r) => r.raw > 0);
    expect(built.length).toBe(final.counts.done);
    for (const r of rows) expect([r.raw, r.silver], r.key).toEqual(r.raw === 0 ? [0, 0] : [r.expected, r.expected]);
    await context.close();
  } finally {
    await server.stop();
  }
});

test("a server restarted with an unusable evidence folder still serves, and says what is wrong", async ({
  browser,
}) => {
  const folder = path.join(env.WEEK06_REPORT_DIR, "evidence");
  fs.rmSync(folder, { recursive: true, force: true });
  fs.writeFileSync(folder, "not a folder");
  const server = await serve(port, env, { worker: false });
  try {
    const context = await browser.newContext({ baseURL: server.base });
    const page = await context.newPage();
    await signIn(page, "viewer@example.com", "/?from=2026-04-01&to=2026-04-30");
    const health = page.getByRole("alert", { name: "Health" });
    await expect(health).toContainText("Runs cannot write to");
    await expect(health).toContainText("evidence");
    await expect(health).toContainText("is not a folder");
    await page.screenshot({ path: "test-results/screenshots/calendar-health-warning.png", fullPage: true });
    await context.close();
  } finally {
    await server.stop();
  }
});

test("stopping the web server and its worker takes seconds, even while an open page keeps its connection busy", async () => {
  const server = await serve(port, env);
  // A page's polling, as a browser does it: one kept-alive connection, a request every second.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let answered = 0;
  const poll = () =>
    new Promise<void>((resolve) => {
      const request = http.get(`${server.base}/login`, { agent }, (res) => {
        res.resume();
        res.on("end", () => {
          answered++;
          resolve();
        });
      });
      request.on("error", () => resolve());
      // Caught mid-request (sent, not yet answered), the connection stays open: Next.js alone waits for it forever.
      request.on("finish", () => {
        if (answered === 2) void stopping.start();
      });
    });
  const stopping = {
    started: 0,
    result: null as Promise<boolean> | null,
    start() {
      if (this.result) return this.result;
      this.started = Date.now();
      return (this.result = server.stop());
    },
  };
  const timer = setInterval(() => void poll(), 1000);
  try {
    while (!stopping.result) await poll();
    const forced = await stopping.result;
    const seconds = (Date.now() - stopping.started) / 1000;
    console.log(`stopped in ${seconds.toFixed(1)} s with a request in flight (the test harness kills at 10 s)`);
    expect(forced, "the server had to be killed by the test harness").toBe(false);
    expect(seconds).toBeLessThan(9);
  } finally {
    clearInterval(timer);
    agent.destroy();
  }
});
