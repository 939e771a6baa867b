// Part of npm run bench: the execution engine on a store of 365 missing partitions × 300 tickets (generated once,
// cached under data/bench/, copied fresh for every run). A real web server and one worker process:
//  - the calendar page and the consumption API, p50/p95, idle and *while* the worker runs a 365-day backfill;
//  - the backfill end to end (runs, checks, snapshots, evidence) in rows/s, as a ratio of a raw better-sqlite3
//    batched upsert of the same rows in the same run;
//  - the time from Cancel to the backfill being `cancelled`.
// Prints one JSON object on stdout; never asserts a time.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BENCH_SESSION_SECRET, benchCredentials, waitUntilServing } from "@/lib/bench/serve";
import { addDays, type PartitionKey } from "@/lib/domain/partition";
import { migrate } from "@/lib/migrate";
import { RAW_COLUMNS, SILVER_COLUMNS } from "@/lib/pipeline/store";

const days = Number(process.env.BENCH_ENGINE_DAYS ?? 365);
const tickets = Number(process.env.BENCH_ENGINE_TICKETS ?? 300);
const end = "2026-04-30" as PartitionKey;
const start = addDays(end, -(days - 1));
const cache = path.resolve("data", "bench", `engine-d${days}-t${tickets}`);
const work = path.join(cache, "run");
const log = (line: string) => process.stderr.write(`${line}\n`);
const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(work, "store.db")}`,
  WEEK06_REPORT_DIR: path.join(work, "reports", "week06"),
  WEEK06_PARTITION_START_DATE: start,
  WEEK06_PARTITION_END_DATE: end,
  WEEK06_DEFAULT_PARTITION: "2026-04-17",
  SESSION_SECRET: BENCH_SESSION_SECRET,
  PARTITION_DESK_DEMO: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  WORKER_POLL_MS: "50",
};

if (!fs.existsSync(path.join(cache, "pristine.db"))) {
  fs.rmSync(cache, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  log(`generating ${days} missing partitions × ${tickets} tickets (once)…`);
  execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/generate.ts",
      "--days",
      String(days),
      "--tickets-per-day",
      String(tickets),
      "--assets",
      "3",
      "--build",
      "none",
      "--end",
      end,
    ],
    { env, stdio: ["ignore", "ignore", "inherit"] },
  );
  fs.copyFileSync(path.join(work, "store.db"), path.join(cache, "pristine.db"));
}
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
fs.copyFileSync(path.join(cache, "pristine.db"), path.join(work, "store.db"));
migrate(path.join(work, "store.db")); // a store cached by an earlier version gets the migrations added since

const port = 5000 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ["scripts/serve.mjs", String(port)], { env, stdio: "ignore", detached: true });
await waitUntilServing(base);
const { cookie, bearer } = benchCredentials();
const calendarUrl = `/?from=${addDays(end, -29)}&to=${end}`;

async function get(url: string, headers: Record<string, string>): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${base}${url}`, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => +s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return { requests: s.length, p50_ms: q(0.5), p95_ms: q(0.95) };
}

async function post(url: string, body: unknown) {
  const res = await fetch(`${base}${url}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

type Progress = {
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  counts: { done: number; left: number };
};
const progress = async (id: number) =>
  (await (await fetch(`${base}/api/backfills/${id}`, { headers: { cookie } })).json()) as Progress;

async function sample(into: { calendar: number[]; consumption: number[] }, until: () => Promise<boolean>) {
  for (let i = 0; !(await until()); i++) {
    into.calendar.push(await get(calendarUrl, { cookie }));
    into.consumption.push(await get("/api/consumption/2026-04-17?consumer=week07", bearer));
  }
}

try {
  // Idle.
  for (let i = 0; i < 3; i++) await get(calendarUrl, { cookie }); // warm up
  const idle = { calendar: [] as number[], consumption: [] as number[] };
  let n = 0;
  await sample(idle, async () => ++n > 30);

  // While the worker runs the 365-day backfill.
  log("executing a 365-day backfill while requests are timed…");
  const plan = await post("/api/plans", { from: start, to: end, reprocess: "missing" });
  const { backfill_id: id } = (await post(`/api/plans/${plan.plan_id as string}/execute`, {})) as {
    backfill_id: number;
  };
  const busy = { calendar: [] as number[], consumption: [] as number[] };
  await sample(busy, async () => {
    const p = await progress(id);
    return p.status !== "queued" && p.status !== "running";
  });
  const finished = await progress(id);
  const backfillMs = Date.parse(finished.finishedAt!) - Date.parse(finished.startedAt!);

  // The same rows, upserted raw: better-sqlite3, prepared, 1,000 rows per transaction, into a fresh store.
  const store = new Database(path.join(work, "store.db"), { readonly: true });
  const raw = store
    .prepare(`SELECT ${RAW_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "RawTicketEvent"`)
    .raw()
    .all() as unknown[][];
  const silver = store
    .prepare(`SELECT ${SILVER_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "SilverTicketFact"`)
    .raw()
    .all() as unknown[][];
  store.close();
  const baselineFile = path.join(work, "baseline.db");
  migrate(baselineFile);
  const baseline = new Database(baselineFile);
  const upsert = (table: string, cols: readonly string[]) => {
    const all = [...cols, "runId"];
    const statement = baseline.prepare(
      `INSERT INTO "${table}" (${all.map((c) => `"${c}"`).join(", ")}) VALUES (${all.map(() => "?").join(", ")})
       ON CONFLICT ("ticketId", "partitionKey") DO UPDATE SET ${all
         .filter((c) => c !== "ticketId" && c !== "partitionKey")
         .map((c) => `"${c}" = excluded."${c}"`)
         .join(", ")}`,
    );
    return baseline.transaction((rows: unknown[][]) => {
      for (const r of rows) statement.run(...r, 1);
    });
  };
  const t = performance.now();
  const rawBatch = upsert("RawTicketEvent", RAW_COLUMNS);
  const silverBatch = upsert("SilverTicketFact", SILVER_COLUMNS);
  for (let i = 0; i < raw.length; i += 1000) rawBatch(raw.slice(i, i + 1000));
  for (let i = 0; i < silver.length; i += 1000) silverBatch(silver.slice(i, i + 1000));
  const baselineMs = performance.now() - t;
  baseline.close();

  // Cancel: a second backfill over the same year (every partition rebuilt), cancelled two seconds in.
  log("cancel timing…");
  const again = await post("/api/plans", { from: start, to: end, reprocess: "all" });
  const { backfill_id: id2 } = (await post(`/api/plans/${again.plan_id as string}/execute`, {
    confirm_withdraw: true,
  })) as { backfill_id: number };
  await new Promise((r) => setTimeout(r, 2000));
  const cancelAt = performance.now();
  await post(`/api/backfills/${id2}`, { control: "cancel" });
  while ((await progress(id2)).status !== "cancelled") await new Promise((r) => setTimeout(r, 10));
  const cancelMs = performance.now() - cancelAt;

  const rows = raw.length + silver.length;
  process.stdout.write(
    JSON.stringify({
      partitions: days,
      tickets_per_partition: tickets,
      idle: { calendar: stats(idle.calendar), consumption: stats(idle.consumption) },
      during_backfill: { calendar: stats(busy.calendar), consumption: stats(busy.consumption) },
      backfill: {
        partitions_done: finished.counts.done,
        rows_written: rows,
        ms: backfillMs,
        rows_per_s: Math.round(rows / (backfillMs / 1000)),
        ms_per_partition: +(backfillMs / days).toFixed(1),
      },
      raw_upsert: { rows, ms: +baselineMs.toFixed(0), rows_per_s: Math.round(rows / (baselineMs / 1000)) },
      ratio: +(baselineMs / backfillMs).toFixed(3),
      cancel_to_cancelled_ms: Math.round(cancelMs),
    }),
  );
} finally {
  process.kill(-server.pid!, "SIGTERM");
}
