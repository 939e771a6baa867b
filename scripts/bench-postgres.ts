// npm run bench -- --store postgres — the same product on a real PostgreSQL 15 server (started here, deleted after):
//  1. the write path (writePartitionRows) against raw `pg` batched upserts of the same rows, same run;
//  2. a 365-day × 300-ticket backfill end to end with 1, 2 and 3 worker processes (max runs at once = workers);
//  3. the calendar page and GET /api/partitions for one year on a 100k-cell store and a 1,000,000-cell store, both
//     generated into PostgreSQL through the real pipeline (BENCH_PG_SCALES=100k skips the million, =none both;
//     BENCH_PG_BACKFILL_DAYS shortens the backfill for a quick look).
// Prints a table and writes reports/bench/<date>-postgres.json. Never asserts times.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BENCH_SESSION_SECRET, benchCredentials, waitUntilServing } from "@/lib/bench/serve";
import { addDays, type PartitionKey } from "@/lib/domain/partition";
import { startPostgres } from "./postgres.mjs";

const end = "2026-04-30" as PartitionKey;
const backfillDays = Number(process.env.BENCH_PG_BACKFILL_DAYS ?? 365);
const log = (line: string) => process.stderr.write(`${line}\n`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pd-bench-pg-"));
const server = startPostgres({ port: 5700 + Math.floor(Math.random() * 200) });
const urlOf = (database: string) => server.url.replace(/\/[^/]+$/, `/${database}`);

async function createDatabase(name: string, template?: string) {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  await admin.end();
}

/** The environment of one store: its database, its reports, the partitions it spans. */
function storeEnv(database: string, days: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: urlOf(database),
    WEEK06_REPORT_DIR: path.join(work, database, "reports", "week06"),
    WEEK06_PARTITION_START_DATE: addDays(end, -(days - 1)),
    WEEK06_PARTITION_END_DATE: end,
    WEEK06_DEFAULT_PARTITION: "2026-04-17",
    SESSION_SECRET: BENCH_SESSION_SECRET,
    PARTITION_DESK_DEMO: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

function tsx(script: string, args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, ["--import", "tsx", script, ...args], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 26,
  });
}

function generate(database: string, days: number, tickets: number, assets: number, build: "mixed" | "none") {
  const t = performance.now();
  const args = [
    "--days",
    String(days),
    "--tickets-per-day",
    String(tickets),
    "--assets",
    String(assets),
    "--build",
    build,
    "--end",
    end,
    "--delivery",
    path.join(work, database, "delivery"),
  ];
  const out = JSON.parse(tsx("scripts/generate.ts", args, storeEnv(database, days))) as { cells: number };
  return { ...out, seconds: Math.round((performance.now() - t) / 1000) };
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => +s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return { requests: s.length, p50_ms: q(0.5), p95_ms: q(0.95) };
}

/** Serves one store with `next start` and times the calendar page and the read API for its last year. */
async function readPath(database: string, days: number) {
  const port = 5900 + Math.floor(Math.random() * 90);
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: storeEnv(database, days),
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(base);
    const { cookie, bearer } = benchCredentials();
    const from = addDays(end, -364);
    const time = async (url: string, headers: Record<string, string>, n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n + 2; i++) {
        const t = performance.now();
        const res = await fetch(`${base}${url}`, { headers });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        if (i >= 2) times.push(performance.now() - t); // the first two warm the server up
      }
      return stats(times);
    };
    return {
      calendar_one_year: await time(`/?from=${from}&to=${end}`, { cookie }, 20),
      api_partitions_one_year: await time(`/api/partitions?from=${from}&to=${end}`, bearer, 10),
    };
  } finally {
    process.kill(-child.pid!, "SIGTERM");
  }
}

try {
  log(`PostgreSQL 15 at ${server.url}; work in ${work}`);
  log("1. write path vs raw pg…");
  await createDatabase("write_ours");
  await createDatabase("write_raw");
  const write = JSON.parse(
    tsx("scripts/bench-write.ts", [], { ...storeEnv("write_ours", 61), RAW_DATABASE_URL: urlOf("write_raw") }),
  );

  log(`2. a ${backfillDays}-day × 300-ticket backfill with 1, 2 and 3 workers…`);
  await createDatabase("backfill_template");
  const backfillStore = generate("backfill_template", backfillDays, 300, 3, "none");
  const scaling = [];
  for (const workers of [1, 2, 3]) {
    await createDatabase(`backfill_${workers}`, "backfill_template");
    const env = storeEnv(`backfill_${workers}`, backfillDays);
    // The copy reads the template's generated input.
    fs.mkdirSync(path.join(work, `backfill_${workers}`), { recursive: true });
    scaling.push(JSON.parse(tsx("scripts/bench-workers.ts", [String(workers)], env)));
    log(`   ${workers} worker(s): ${JSON.stringify(scaling.at(-1))}`);
  }

  const scales = (process.env.BENCH_PG_SCALES ?? "100k,1m").split(",");
  // Always build when serving: the numbers must describe the code as it is now.
  if (scales.some((s) => s === "100k" || s === "1m"))
    execFileSync("npx", ["next", "build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
  const reads: Record<string, unknown> = {};
  for (const [name, days, tickets, assets] of [
    ["100k", 1095, 300, 92],
    ["1m", 1095, 20, 914],
  ] as const) {
    if (!scales.includes(name)) continue;
    log(
      `3. generating the ${name}-cell store (${days} days × ${assets} assets, ${tickets} tickets a day) into PostgreSQL…`,
    );
    await createDatabase(`cells_${name}`);
    const generation = generate(`cells_${name}`, days, tickets, assets, "mixed");
    reads[name] = { generation, ...(await readPath(`cells_${name}`, days)) };
    log(`   ${JSON.stringify(reads[name])}`);
  }

  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? "?",
      memory_gib: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: "15 (Debian), fsync off",
    },
    write_path: write,
    backfill: { store: backfillStore, scaling },
    read_path: reads,
  };
  fs.mkdirSync("reports/bench", { recursive: true });
  const file = path.join("reports/bench", `${report.date.slice(0, 10)}-postgres.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  const one = scaling[0] as { ms: number };
  const rows: [string, string, string][] = [
    [
      "write path (writePartitionRows, one transaction per partition)",
      `${write.ours_rows_per_s.toLocaleString("en")} rows/s`,
      `${write.ratio}× raw pg (${write.raw_rows_per_s.toLocaleString("en")} rows/s, 1,000 rows per statement); rounds ${JSON.stringify(write.ratios_per_round)} — goal ≥ 0.8`,
    ],
    ...(
      scaling as {
        workers: number;
        ms: number;
        ms_per_partition: number;
        rows_per_s: number;
        runs_per_worker: number[];
        guard_duplicates: number;
      }[]
    ).map((s): [string, string, string] => [
      `${backfillDays}-day × 300-ticket backfill, ${s.workers} worker${s.workers === 1 ? "" : "s"}`,
      `${(s.ms / 1000).toFixed(1)} s`,
      `${(one.ms / s.ms).toFixed(2)}× one worker; ${s.ms_per_partition} ms/partition, ${s.rows_per_s.toLocaleString("en")} rows/s; runs per worker ${JSON.stringify(s.runs_per_worker)}; ${s.guard_duplicates} duplicates`,
    ]),
    ...Object.entries(reads).flatMap(([name, r]) => {
      const x = r as {
        generation: { cells: number; seconds: number };
        calendar_one_year: ReturnType<typeof stats>;
        api_partitions_one_year: ReturnType<typeof stats>;
      };
      return [
        [
          `${name} store: calendar page, one year (${x.generation.cells.toLocaleString("en")} cells, generated in ${x.generation.seconds} s)`,
          `p50 ${x.calendar_one_year.p50_ms} ms`,
          `p95 ${x.calendar_one_year.p95_ms} ms — goal p50 ≤ 300 ms`,
        ],
        [
          `${name} store: GET /api/partitions, one year, all assets`,
          `p50 ${x.api_partitions_one_year.p50_ms} ms`,
          `p95 ${x.api_partitions_one_year.p95_ms} ms — goal p50 ≤ 300 ms`,
        ],
      ] as [string, string, string][];
    }),
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(
    `Partition Desk on PostgreSQL — ${report.machine.cpus} cores (${report.machine.cpu}), ${report.machine.node}`,
  );
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  console.log(`written to ${file}`);
} finally {
  server.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
