// npm run bench — measure on a generated store (3 years × 300 tickets/day × 92 assets ≈ 100k cells by default):
// the write path against raw better-sqlite3 (ratio, same rows, same run), the execution engine (a worker running a
// 365-day backfill beside the web server: latencies idle and during, throughput vs raw upserts, cancel time —
// scripts/bench-engine.ts), statuses of every cell, a 365-day dry-run plan, one partition's status, and the
// server (next start) answering every page and the read API (p50/p95, and each p50 as a ratio to a static file
// asked of the same server just before it — steadier than milliseconds on a shared machine; bytes on the wire, the
// page's scripts), with its peak RSS. Prints a table, writes reports/bench/<date-time>.json, then prints every
// measure against the previous report (previous, now, ratio; regressions first, lib/bench/compare.ts). The store is
// generated again whenever what generates it changed (lib/bench/store-version.ts; `-- --keep-store` measures the
// one there is, for a change that cannot alter the data). Never asserts times. `-- --engine` runs the first two
// only; `-- --store postgres` measures the PostgreSQL store instead (scripts/bench-postgres.ts); `-- --startup` only
// how fast the CLI and the worker start (scripts/bench-startup.ts, no big store).
import { execFileSync, spawn } from "node:child_process";
import { get as httpGet } from "node:http";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compareMeasurements, formatChanges, reportMeasurements } from "@/lib/bench/compare";
import { BENCH_SESSION_SECRET, benchCredentials, waitUntilServing } from "@/lib/bench/serve";
import { recordStoreVersion, staleStore, storeVersion } from "@/lib/bench/store-version";
import { addDays, type PartitionKey } from "@/lib/domain/partition";

if (process.argv.includes("--store") && process.argv[process.argv.indexOf("--store") + 1] === "postgres") {
  // The same product on PostgreSQL: its own script (a server of its own, its own stores).
  execFileSync(process.execPath, ["--import", "tsx", "scripts/bench-postgres.ts"], { stdio: "inherit" });
  process.exit(0);
}

if (process.argv.includes("--startup")) {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/bench-startup.ts", "--report"], { stdio: "inherit" });
  process.exit(0);
}

const days = Number(process.env.BENCH_DAYS ?? 1095);
const tickets = Number(process.env.BENCH_TICKETS_PER_DAY ?? 300);
const assets = Number(process.env.BENCH_ASSETS ?? 92);
const seed = Number(process.env.BENCH_SEED ?? 1);
const history = Number(process.env.BENCH_HISTORY ?? 8);
const auditEvents = Number(process.env.BENCH_AUDIT ?? 1_000_000);
const end = "2026-04-30" as PartitionKey;
const start = addDays(end, -(days - 1));
const dir = path.resolve("data", "bench", `d${days}-t${tickets}-a${assets}-s${seed}-h${history}-e${auditEvents}`);
const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, "store.db")}`,
  WEEK06_REPORT_DIR: path.join(dir, "reports", "week06"),
  WEEK06_PARTITION_START_DATE: start,
  WEEK06_PARTITION_END_DATE: end,
  WEEK06_DEFAULT_PARTITION: "2026-04-17",
  SESSION_SECRET: BENCH_SESSION_SECRET,
  PARTITION_DESK_DEMO: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};
const log = (line: string) => process.stderr.write(`${line}\n`);

function tsx(script: string, args: string[], extraEnv: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...env, ...extraEnv },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 26,
  });
}

const engineOnly = process.argv.includes("--engine");
// 1. The store, generated once per parameter set and what generates it (lib/bench/store-version.ts), then reused.
let generation: unknown = null;
const version = await storeVersion();
let stale = engineOnly ? null : staleStore(dir, version);
// `--keep-store`: measure a change that cannot alter the data (a query, a page) without generating it again.
if (stale && process.argv.includes("--keep-store") && stale !== "not generated yet") {
  log(`measuring the store there is, although ${stale} (--keep-store): with the migrations added since`);
  tsx("scripts/migrate.ts", []);
  stale = null;
}
if (stale) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  log(`generating ${days} days × ${tickets} tickets × ${assets} assets into ${dir} (${stale}; takes minutes)…`);
  const out = tsx("scripts/generate.ts", [
    "--days",
    String(days),
    "--tickets-per-day",
    String(tickets),
    "--assets",
    String(assets),
    "--seed",
    String(seed),
    "--end",
    end,
    "--history",
    String(history),
    "--audit",
    String(auditEvents),
  ]);
  fs.writeFileSync(path.join(dir, "generate.json"), out);
  recordStoreVersion(dir, version);
}
if (!engineOnly) generation = JSON.parse(fs.readFileSync(path.join(dir, "generate.json"), "utf8"));

// `--pages`: the server's pages and API only (a few minutes), for a change that touches nothing else.
const pagesOnly = process.argv.includes("--pages");

// 2. In-process: write path vs raw better-sqlite3, statuses, plan, one partition.
let write = null;
if (!pagesOnly) {
  log("write path vs raw better-sqlite3…");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pd-bench-write-"));
  write = JSON.parse(
    tsx("scripts/bench-write.ts", [], {
      DATABASE_URL: `file:${path.join(scratch, "ours.db")}`,
      RAW_DB: path.join(scratch, "raw.db"),
      WEEK06_REPORT_DIR: path.join(scratch, "reports"),
    }),
  );
  fs.rmSync(scratch, { recursive: true, force: true });
}
// Always build: the numbers must describe the code as it is now.
execFileSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"], env });
let engine = null;
if (!pagesOnly) {
  log("the engine: a 365-day backfill beside the web server…");
  engine = JSON.parse(tsx("scripts/bench-engine.ts", []));
}
const engineRows: [string, string, string][] = !engine
  ? []
  : [
      [
        "backfill write path alone (writePartitionRows, 300 rows/tx)",
        `${write.ours_rows_per_s.toLocaleString("en")} rows/s`,
        `${write.ratio}× raw better-sqlite3 (${write.raw_rows_per_s.toLocaleString("en")} rows/s, 1,000 rows/tx); rounds ${JSON.stringify(write.ratios_per_round)} — goal ≥ 0.9`,
      ],
      [
        `backfill end to end, ${engine.partitions} × ${engine.tickets_per_partition} (runs, checks, snapshots, evidence)`,
        `${engine.backfill.rows_per_s.toLocaleString("en")} rows/s`,
        `${engine.ratio}× raw upsert of the same ${engine.raw_upsert.rows.toLocaleString("en")} rows (${engine.raw_upsert.rows_per_s.toLocaleString("en")} rows/s); ${engine.backfill.ms_per_partition} ms per partition — goal ≥ 0.5`,
      ],
      [
        "calendar page (30 days), idle / during the backfill",
        `p95 ${engine.idle.calendar.p95_ms} / ${engine.during_backfill.calendar.p95_ms} ms`,
        `p50 ${engine.idle.calendar.p50_ms} / ${engine.during_backfill.calendar.p50_ms} ms; ${engine.during_backfill.calendar.requests} requests during — goal p95 ≤ 100 ms`,
      ],
      [
        "consumption API, idle / during the backfill",
        `p95 ${engine.idle.consumption.p95_ms} / ${engine.during_backfill.consumption.p95_ms} ms`,
        `p50 ${engine.idle.consumption.p50_ms} / ${engine.during_backfill.consumption.p50_ms} ms — goal p95 ≤ 100 ms`,
      ],
      [
        "Cancel → backfill cancelled",
        `${engine.cancel_to_cancelled_ms} ms`,
        "a year-long rerun cancelled 2 s in — goal ≤ 1 s",
      ],
    ];
if (engineOnly) {
  printTable(engineRows, `Partition Desk benchmark (engine only) — ${os.cpus().length} cores, ${process.version}`);
  process.exit(0);
}

let startup = null;
let inprocess = null;
if (!pagesOnly) {
  log("start-up of the CLI and the worker…");
  startup = JSON.parse(tsx("scripts/bench-startup.ts", []));
  log("statuses, plan, one partition…");
  inprocess = JSON.parse(tsx("scripts/bench-inprocess.ts", []));
}

// 3. The server: a production build on this store.
const port = 4900 + Math.floor(Math.random() * 90);
// What else ran meanwhile: the load average as the server's measurements start and end (a shared machine).
const load = { before: os.loadavg()[0]!, after: 0 };
// `--cpu-prof`: the server's CPU profile over every request below, written to reports/bench/ when it stops (open
// it in Chrome's DevTools, or summarize it with scripts/cpu-profile.ts).
const cpuProfile = process.argv.includes("--cpu-prof") ? path.resolve("reports/bench") : null;
const server = spawn(
  process.execPath,
  [
    ...(cpuProfile ? ["--cpu-prof", "--cpu-prof-dir", cpuProfile] : []),
    "node_modules/next/dist/bin/next",
    "start",
    "-p",
    String(port),
  ],
  { env, stdio: "ignore" },
);
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
await waitUntilServing(base);
const { cookie, bearer } = benchCredentials();

/** One GET with gzip, as a browser asks: time to the last byte, bytes on the wire and decoded, the body. */
function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; ms: number; wire: number; decoded: number; body: string }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    httpGet(`${base}${url}`, { headers: { ...headers, "accept-encoding": "gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const ms = performance.now() - t;
        const wire = Buffer.concat(chunks);
        const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, ms, wire: wire.length, decoded: body.length, body: body.toString() });
      });
    }).on("error", reject);
  });
}

const failures: string[] = [];
/** p50/p95 of sorted-or-not milliseconds. */
function percentile(times: number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return +sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
}
// The baseline every page is divided by: a static file through the same server and proxy — what any request costs
// on this machine at this moment, none of our code's work. Asked before each timed request, so a page's ratio to it
// holds still when the machine's load moves both (this 2-core machine is shared).
const BASELINE = "/favicon.svg";
const baselineTimes: number[] = [];
async function measure(label: string, url: string, headers: Record<string, string>, n: number) {
  const times: number[] = [];
  const baseline: number[] = [];
  let last = { status: 0, wire: 0, decoded: 0 };
  let body = "";
  for (let i = 0; i < n + 2; i++) {
    const b = await get(BASELINE, {});
    const r = await get(url, headers);
    if (r.status >= 500) failures.push(`${label} (${url}): HTTP ${r.status}`);
    last = r;
    body = r.body;
    if (i >= 2) {
      // the first two warm the server up
      times.push(r.ms);
      baseline.push(b.ms);
    }
  }
  baselineTimes.push(...baseline);
  // The JavaScript the page loads (a browser caches it; a first visit pays for it).
  let scripts = 0;
  for (const src of new Set([...body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!)))
    scripts += (await get(src, {})).wire;
  return {
    label,
    url,
    status: last.status,
    requests: n,
    p50_ms: percentile(times, 0.5),
    p95_ms: percentile(times, 0.95),
    p50_ratio: +(percentile(times, 0.5) / percentile(baseline, 0.5)).toFixed(1),
    wire_bytes: last.wire,
    bytes: last.decoded,
    script_wire_bytes: scripts,
  };
}

// Ids to open: the newest of each kind in the generated store.
const store = new Database(path.join(dir, "store.db"), { readonly: true });
const one = (sql: string) => (store.prepare(sql).get() as { id: string | number } | undefined)?.id;
const ids = {
  plan: one(`SELECT "id" FROM "Plan" ORDER BY "createdAt" DESC LIMIT 1`),
  window: one(`SELECT "id" FROM "Plan" WHERE "kind" = 'window' ORDER BY "createdAt" DESC LIMIT 1`),
  backfill: one(`SELECT "id" FROM "Backfill" ORDER BY "id" DESC LIMIT 1`),
  run: one(`SELECT "runId" AS id FROM "Evidence" ORDER BY "id" DESC LIMIT 1`),
};
store.close();

const year = { from: addDays(end, -364), to: end };
log("every page, signed in as an operator…");
const pages = [
  await measure("/ calendar, default range (a year), first asset page", "/", { cookie }, 20),
  await measure("/ calendar, a year, second asset page", `/?from=${year.from}&to=${year.to}&apage=2`, { cookie }, 10),
  await measure("/partitions/<key>", "/partitions/2026-04-17", { cookie }, 20),
  await measure("/plans", "/plans", { cookie }, 20),
  await measure("/plans, filtered (a month, executed)", "/plans?partition=2025-06&status=executed", { cookie }, 10),
  await measure("/plans/<id> (a window plan)", `/plans/${ids.window}`, { cookie }, 10),
  await measure("/backfills", "/backfills", { cookie }, 10),
  await measure("/backfills/<id>", `/backfills/${ids.backfill}`, { cookie }, 10),
  await measure("/runs/<id>", `/runs/${ids.run}`, { cookie }, 10),
  await measure("/evidence (awaiting review)", "/evidence", { cookie }, 20),
  await measure("/evidence, any state, sorted by checks", "/evidence?state=&sort=checksFailed", { cookie }, 10),
  await measure("/evidence, last page", "/evidence?state=&page=400", { cookie }, 10),
  await measure("/evidence/<run>", `/evidence/${ids.run}`, { cookie }, 10),
  await measure("/manifests", "/manifests", { cookie }, 10),
  await measure("/drills", "/drills", { cookie }, 10),
  await measure("/strategy", "/strategy", { cookie }, 10),
  await measure("/strategy/markdown", "/strategy/markdown?lang=en", { cookie }, 10),
  await measure("/audit (newest first)", "/audit", { cookie }, 20),
  await measure("/audit, oldest first", "/audit?dir=asc", { cookie }, 10),
  await measure(
    "/audit, filtered (who starts with operator@, refused)",
    "/audit?actor=operator%40&outcome=refused",
    { cookie },
    10,
  ),
  await measure("/login", "/login", {}, 10),
];
const http = [
  await measure(
    "GET /api/partitions, one year, all assets",
    `/api/partitions?from=${year.from}&to=${year.to}`,
    bearer,
    10,
  ),
  await measure("GET /api/partitions, whole range, all assets", `/api/partitions?from=${start}&to=${end}`, bearer, 5),
  await measure("GET /api/partitions/<key>, all assets", `/api/partitions/2026-04-17`, bearer, 20),
  await measure("GET /api/consumption/<key>", `/api/consumption/2026-04-17?consumer=week07`, bearer, 20),
  await measure("GET /api/backfills/<id>", `/api/backfills/${ids.backfill}`, { cookie }, 20),
];
clearInterval(sampler);
load.after = os.loadavg()[0]!;
const stopped = new Promise((resolve) => server.once("exit", resolve));
server.kill("SIGTERM");
// The profile is written as the server exits.
await stopped;

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "?",
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    load_average_1m: { before: +load.before.toFixed(1), after: +load.after.toFixed(1) },
  },
  store: {
    days,
    tickets_per_day: tickets,
    assets,
    seed,
    start,
    end,
    generation,
    // What generated it (null: a store from before this was recorded, kept by --keep-store).
    version: fs.existsSync(path.join(dir, "version.json"))
      ? (JSON.parse(fs.readFileSync(path.join(dir, "version.json"), "utf8")) as { hash: string }).hash
      : null,
  },
  write_path: write,
  engine,
  in_process: inprocess,
  startup,
  server: {
    baseline: {
      label: BASELINE,
      p50_ms: percentile(baselineTimes, 0.5),
      p95_ms: percentile(baselineTimes, 0.95),
      requests: baselineTimes.length,
    },
    pages,
    http,
    failures,
    peak_rss_mib: Math.round(peakRss / 1024),
  },
};
// The previous report, read before this one is written: what the change below is measured against.
const REPORTS = "reports/bench";
const previous = fs.existsSync(REPORTS)
  ? fs
      .readdirSync(REPORTS)
      .filter((f) => /^\d{4}-\d{2}-\d{2}(T[\d-]+)?\.json$/.test(f))
      .map((f) => JSON.parse(fs.readFileSync(path.join(REPORTS, f), "utf8")) as typeof report)
      .sort((a, b) => a.date.localeCompare(b.date))
      .at(-1)
  : undefined;
fs.mkdirSync(REPORTS, { recursive: true });
// One file per run (a second run the same day keeps the first to compare with).
const file = path.join(REPORTS, `${report.date.slice(0, 19).replaceAll(":", "-")}.json`);
fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

type Row = [string, string, string];
const inprocessRows: Row[] = !inprocess
  ? []
  : [
      [
        `statuses of all ${inprocess.cells.toLocaleString("en")} cells (SQL codes, as the calendar reads them)`,
        `${inprocess.statuses_all_cells_ms.median.toFixed(0)} ms`,
        "median of 5, in-process — goal ≤ 200 ms",
      ],
      [
        `statuses of all ${inprocess.cells.toLocaleString("en")} cells as objects (the read API, the planner)`,
        `${inprocess.status_objects_all_cells_ms.median.toFixed(0)} ms`,
        "median of 3, in-process",
      ],
      [
        `dry-run plan, 365-day window`,
        `${inprocess.plan_365_days_ms.median.toFixed(0)} ms`,
        "median of 5 — goal ≤ 200 ms",
      ],
      [
        `status of one partition (${inprocess.assets} assets)`,
        `${inprocess.status_one_partition_ms.median.toFixed(1)} ms`,
        "median of 20 — goal ≤ 20 ms",
      ],
    ];
const rows: Row[] = [
  ...engineRows,
  ...inprocessRows,
  [
    `baseline: ${BASELINE} (a static file through the same server)`,
    `p50 ${report.server.baseline.p50_ms} ms · p95 ${report.server.baseline.p95_ms} ms`,
    `asked before each request below; ${baselineTimes.length} requests`,
  ],
  ...[...pages, ...http].map((h): [string, string, string] => [
    h.label,
    `p50 ${h.p50_ms} ms · p95 ${h.p95_ms} ms`,
    `${h.p50_ratio}× baseline; HTTP ${h.status}, ${(h.wire_bytes / 1024).toFixed(0)} KiB on the wire (${(h.bytes / 1024).toFixed(0)} KiB decoded)${h.script_wire_bytes ? ` + ${(h.script_wire_bytes / 1024).toFixed(0)} KiB of scripts` : ""}, ${h.requests} requests`,
  ]),
  ["server peak RSS", `${report.server.peak_rss_mib} MiB`, "VmHWM of next start"],
  ...(startup?.rows ?? []).map(
    (r: { label: string; wall_ms: { median: number; min: number }; cpu_ms: number | null }) => [
      `start-up: ${r.label}`,
      `${r.wall_ms.median} ms`,
      `median (min ${r.wall_ms.min} ms)${r.cpu_ms === null ? "" : `, CPU ${r.cpu_ms} ms`}`,
    ],
  ),
];
printTable(
  rows,
  `Partition Desk benchmark — ${report.machine.cpus} cores (${report.machine.cpu}), ${report.machine.node}; store ${days} days × ${assets} assets; load average ${load.before.toFixed(1)} → ${load.after.toFixed(1)} while the server was measured`,
);
console.log(`written to ${file}`);
if (previous) {
  console.log("");
  if (previous.store?.version !== report.store.version)
    console.log("(the store was generated by other code then: part of any change is the store's)");
  const changes = compareMeasurements(reportMeasurements(previous), reportMeasurements(report));
  // A --pages run measured nothing else: what it did not measure is not gone.
  for (const line of formatChanges(
    changes.filter((c) => !(pagesOnly && c.verdict === "gone")),
    previous.machine.load_average_1m
      ? `${previous.date}, load average ${previous.machine.load_average_1m.before} → ${previous.machine.load_average_1m.after}`
      : previous.date,
  ))
    console.log(line);
}
if (failures.length) {
  console.error(`server errors:\n${failures.join("\n")}`);
  process.exit(1);
}

function printTable(table: [string, string, string][], title: string) {
  const w0 = Math.max(...table.map((r) => r[0].length));
  const w1 = Math.max(...table.map((r) => r[1].length));
  console.log(title);
  for (const [a, b, c] of table) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
}
