// npm run bench — measure on a generated store (3 years × 300 tickets/day × 92 assets ≈ 100k cells by default):
// the write path against raw better-sqlite3 (ratio, same rows, same run), the execution engine (a worker running a
// 365-day backfill beside the web server: latencies idle and during, throughput vs raw upserts, cancel time —
// scripts/bench-engine.ts), statuses of every cell, a 365-day dry-run plan, one partition's status, and the
// server (next start) answering the calendar page and the read API (p50/p95), with its peak RSS. Prints a table
// and writes reports/bench/<date>.json. Never asserts times. `npm run bench -- --engine` runs the first two only.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { signSession } from "@/lib/auth/session-token";
import { addDays, type PartitionKey } from "@/lib/domain/partition";

const days = Number(process.env.BENCH_DAYS ?? 1095);
const tickets = Number(process.env.BENCH_TICKETS_PER_DAY ?? 300);
const assets = Number(process.env.BENCH_ASSETS ?? 92);
const seed = Number(process.env.BENCH_SEED ?? 1);
const end = "2026-04-30" as PartitionKey;
const start = addDays(end, -(days - 1));
const dir = path.resolve("data", "bench", `d${days}-t${tickets}-a${assets}-s${seed}`);
const secret = "bench-session-secret-0123456789abcdef";
const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, "store.db")}`,
  WEEK06_REPORT_DIR: path.join(dir, "reports", "week06"),
  WEEK06_PARTITION_START_DATE: start,
  WEEK06_PARTITION_END_DATE: end,
  WEEK06_DEFAULT_PARTITION: "2026-04-17",
  SESSION_SECRET: secret,
  NEXT_TELEMETRY_DISABLED: "1",
};
const log = (line: string) => process.stderr.write(`${line}\n`);

function tsx(script: string, args: string[], extraEnv: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ["--import", "tsx", script, ...args], { env: { ...env, ...extraEnv }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 });
}

const engineOnly = process.argv.includes("--engine");
// 1. The store, generated once per parameter set and reused.
let generation: unknown = null;
if (!engineOnly && (!fs.existsSync(path.join(dir, "generate.json")) || fs.statSync(path.join(dir, "generate.json")).size === 0)) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  log(`generating ${days} days × ${tickets} tickets × ${assets} assets into ${dir} (once; takes minutes)…`);
  const out = tsx("scripts/cli.ts", ["generate", "--days", String(days), "--tickets-per-day", String(tickets), "--assets", String(assets), "--seed", String(seed), "--end", end]);
  fs.writeFileSync(path.join(dir, "generate.json"), out);
}
if (!engineOnly) generation = JSON.parse(fs.readFileSync(path.join(dir, "generate.json"), "utf8"));

// 2. In-process: write path vs raw better-sqlite3, statuses, plan, one partition.
log("write path vs raw better-sqlite3…");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pd-bench-write-"));
const write = JSON.parse(tsx("scripts/bench-write.ts", [], { DATABASE_URL: `file:${path.join(scratch, "ours.db")}`, RAW_DB: path.join(scratch, "raw.db"), WEEK06_REPORT_DIR: path.join(scratch, "reports") }));
fs.rmSync(scratch, { recursive: true, force: true });
// Always build: the numbers must describe the code as it is now.
execFileSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"], env });
log("the engine: a 365-day backfill beside the web server…");
const engine = JSON.parse(tsx("scripts/bench-engine.ts", []));
const engineRows: [string, string, string][] = [
  ["backfill write path alone (writePartitionRows, 300 rows/tx)", `${write.ours_rows_per_s.toLocaleString("en")} rows/s`, `${write.ratio}× raw better-sqlite3 (${write.raw_rows_per_s.toLocaleString("en")} rows/s, 1,000 rows/tx); rounds ${JSON.stringify(write.ratios_per_round)} — goal ≥ 0.9`],
  [`backfill end to end, ${engine.partitions} × ${engine.tickets_per_partition} (runs, checks, snapshots, evidence)`, `${engine.backfill.rows_per_s.toLocaleString("en")} rows/s`, `${engine.ratio}× raw upsert of the same ${engine.raw_upsert.rows.toLocaleString("en")} rows (${engine.raw_upsert.rows_per_s.toLocaleString("en")} rows/s); ${engine.backfill.ms_per_partition} ms per partition — goal ≥ 0.5`],
  ["calendar page (30 days), idle / during the backfill", `p95 ${engine.idle.calendar.p95_ms} / ${engine.during_backfill.calendar.p95_ms} ms`, `p50 ${engine.idle.calendar.p50_ms} / ${engine.during_backfill.calendar.p50_ms} ms; ${engine.during_backfill.calendar.requests} requests during — goal p95 ≤ 100 ms`],
  ["consumption API, idle / during the backfill", `p95 ${engine.idle.consumption.p95_ms} / ${engine.during_backfill.consumption.p95_ms} ms`, `p50 ${engine.idle.consumption.p50_ms} / ${engine.during_backfill.consumption.p50_ms} ms — goal p95 ≤ 100 ms`],
  ["Cancel → backfill cancelled", `${engine.cancel_to_cancelled_ms} ms`, "a year-long rerun cancelled 2 s in — goal ≤ 1 s"],
];
if (engineOnly) {
  printTable(engineRows, `Partition Desk benchmark (engine only) — ${os.cpus().length} cores, ${process.version}`);
  process.exit(0);
}

log("statuses, plan, one partition…");
const inprocess = JSON.parse(tsx("scripts/bench-inprocess.ts", []));

// 3. The server: a production build on this store.
const port = 4900 + Math.floor(Math.random() * 90);
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], { env, stdio: "ignore" });
const base = `http://127.0.0.1:${port}`;
let peakRss = 0;
const sampler = setInterval(() => {
  try {
    const status = fs.readFileSync(`/proc/${server.pid}/status`, "utf8");
    peakRss = Math.max(peakRss, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
  } catch {
    /* not started yet, or gone */
  }
}, 100);
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/login`)).ok) break;
  } catch {
    /* not listening yet */
  }
  if (i > 300) throw new Error("the server did not start");
  await new Promise((r) => setTimeout(r, 100));
}
const cookie = `pd_session=${signSession({ email: "viewer@example.com", exp: Date.now() + 3_600_000 }, secret)}`;
const bearer = { authorization: `Bearer ${process.env.CONSUMER_API_TOKEN ?? "week06-consumer-demo-token"}` };

async function measure(label: string, url: string, headers: Record<string, string>, n: number) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n + 2; i++) {
    const t = performance.now();
    const res = await fetch(`${base}${url}`, { headers });
    const body = await res.arrayBuffer();
    const ms = performance.now() - t;
    if (!res.ok) throw new Error(`${label}: ${res.status}`);
    bytes = body.byteLength;
    if (i >= 2) times.push(ms); // the first two warm the server up
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => +times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  return { label, url, requests: n, p50_ms: p(0.5), p95_ms: p(0.95), bytes };
}

const year = inprocess.year as { from: string; to: string };
log("server requests…");
const http = [
  await measure("calendar page, one year (first asset page)", `/?from=${year.from}&to=${year.to}`, { cookie }, 20),
  await measure("GET /api/partitions, one year, all assets", `/api/partitions?from=${year.from}&to=${year.to}`, bearer, 10),
  await measure("GET /api/partitions, whole range, all assets", `/api/partitions?from=${start}&to=${end}`, bearer, 5),
  await measure("GET /api/partitions/<key>, all assets", `/api/partitions/2026-04-17`, bearer, 20),
];
clearInterval(sampler);
server.kill("SIGTERM");

const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "?", memory_gib: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  store: { days, tickets_per_day: tickets, assets, seed, start, end, generation },
  write_path: write,
  engine,
  in_process: inprocess,
  server: { http, peak_rss_mib: Math.round(peakRss / 1024) },
};
fs.mkdirSync("reports/bench", { recursive: true });
const file = path.join("reports/bench", `${report.date.slice(0, 10)}.json`);
fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

const rows: [string, string, string][] = [
  ...engineRows,
  [`statuses of all ${inprocess.cells.toLocaleString("en")} cells`, `${inprocess.statuses_all_cells_ms.median.toFixed(0)} ms`, "median of 5, in-process"],
  [`dry-run plan, 365-day window`, `${inprocess.plan_365_days_ms.median.toFixed(0)} ms`, "median of 5 — goal ≤ 200 ms"],
  [`status of one partition (${inprocess.assets} assets)`, `${inprocess.status_one_partition_ms.median.toFixed(1)} ms`, "median of 20 — goal ≤ 20 ms"],
  ...http.map((h): [string, string, string] => [h.label, `p50 ${h.p50_ms} ms · p95 ${h.p95_ms} ms`, `${h.requests} requests, ${(h.bytes / 1024).toFixed(0)} KiB`]),
  ["server peak RSS", `${report.server.peak_rss_mib} MiB`, "VmHWM of next start"],
];
printTable(rows, `Partition Desk benchmark — ${report.machine.cpus} cores (${report.machine.cpu}), ${report.machine.node}; store ${days} days × ${assets} assets`);
console.log(`written to ${file}`);

function printTable(table: [string, string, string][], title: string) {
  const w0 = Math.max(...table.map((r) => r[0].length));
  const w1 = Math.max(...table.map((r) => r[1].length));
  console.log(title);
  for (const [a, b, c] of table) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
}
