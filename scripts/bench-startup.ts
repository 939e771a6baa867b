// Part of npm run bench, and alone: `npm run bench -- --startup` (no generated store: the seeded scenario in a
// scratch folder, ~10 s). How long the CLI and the worker take to start, whole process, as a shell starts them:
// `npm run -s cli -- plan --partition 2026-04-17 --mode dry-run` (goal ≤ 0.5 s) and its parts — Node alone, the
// compiled CLI without npm, the CLI's help (no store), the CLI as it ran before through tsx — and a worker from
// spawn to "waiting for queued runs", compiled and through tsx. Wall time is a median of runs after two warm-ups;
// CPU is the children's user + system time (Linux), which a busy machine inflates less than wall time; the load
// average is recorded beside them. Prints one JSON object on stdout (a table on stderr); `--report` writes
// reports/bench/<date>-startup.json instead.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pd-bench-startup-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, "store.db")}`,
  WEEK06_REPORT_DIR: path.join(dir, "reports", "week06"),
  WEEK06_PARTITION_START_DATE: "2026-03-01",
  WEEK06_PARTITION_END_DATE: "2026-04-30",
  WEEK06_DEFAULT_PARTITION: "2026-04-17",
  PARTITION_DESK_DEMO: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  LANG: "C.UTF-8",
};
const log = (line: string) => process.stderr.write(`${line}\n`);

/** CPU seconds this process's waited-for children used so far (Linux: /proc/self/stat cutime + cstime). */
function childrenCpuMs(): number | null {
  try {
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return null;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (ms: number) => Math.round(ms);

/** A command run to its end, RUNS times after two warm-ups: wall time (median, min, max) and CPU per run. */
function measure(label: string, command: string, args: string[]) {
  const once = () => {
    const r = spawnSync(command, args, { env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${label}: exit ${r.status}\n${r.stderr}`);
  };
  once();
  once();
  const walls: number[] = [];
  const cpuBefore = childrenCpuMs();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    once();
    walls.push(performance.now() - t);
  }
  const cpuAfter = childrenCpuMs();
  return {
    label,
    command: [command, ...args].join(" "),
    runs: RUNS,
    wall_ms: { median: round(median(walls)), min: round(Math.min(...walls)), max: round(Math.max(...walls)) },
    cpu_ms: cpuBefore === null || cpuAfter === null ? null : round((cpuAfter - cpuBefore) / RUNS),
  };
}

/** A worker from spawn until it says it waits for runs (then stopped): wall time only (it is not waited for). */
async function workerReady(label: string, args: string[]) {
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t = performance.now();
      const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (d: Buffer) => {
        output += d.toString();
        if (output.includes("waiting for queued runs")) {
          const ms = performance.now() - t;
          child.once("exit", () => resolve(ms));
          child.kill("SIGTERM");
        }
      });
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      child.once("exit", (code) => {
        if (!output.includes("waiting for queued runs")) reject(new Error(`${label}: exit ${code}\n${output}`));
      });
    });
  await once();
  const walls: number[] = [];
  for (let i = 0; i < Math.ceil(RUNS / 3); i++) walls.push(await once());
  return {
    label,
    command: ["node", ...args].join(" "),
    runs: walls.length,
    wall_ms: { median: round(median(walls)), min: round(Math.min(...walls)), max: round(Math.max(...walls)) },
    cpu_ms: null,
  };
}

log("start-up: seeding a scratch store…");
execFileSync(process.execPath, ["--import", "tsx", "scripts/setup-db.ts"], { env, stdio: "ignore" });
execFileSync(process.execPath, ["scripts/bundle.mjs"], { env, stdio: "ignore" });
const plan = ["plan", "--partition", "2026-04-17", "--mode", "dry-run"];
const load = { before: os.loadavg()[0]!, after: 0 };
const rows = [
  measure("Node alone (node -e 0)", process.execPath, ["-e", "0"]),
  measure("npm run -s cli -- plan (goal ≤ 0.5 s)", "npm", ["run", "-s", "cli", "--", ...plan]),
  measure("node scripts/run.mjs cli plan (no npm)", process.execPath, ["scripts/run.mjs", "cli", ...plan]),
  measure("node scripts/run.mjs cli --help (no store)", process.execPath, ["scripts/run.mjs", "cli", "--help"]),
  measure("plan through tsx, as before", process.execPath, ["--import", "tsx", "scripts/cli.ts", ...plan]),
  await workerReady("worker ready (compiled)", ["scripts/run.mjs", "worker"]),
  await workerReady("worker ready through tsx, as before", ["--import", "tsx", "scripts/worker.ts"]),
];
load.after = os.loadavg()[0]!;
fs.rmSync(dir, { recursive: true, force: true });

const result = { runs: RUNS, load_average_1m: load, cpus: os.cpus().length, rows };
const w0 = Math.max(...rows.map((r) => r.label.length));
log(`start-up, ${os.cpus().length} cores, load average ${load.before.toFixed(1)} → ${load.after.toFixed(1)}:`);
for (const r of rows)
  log(
    `${r.label.padEnd(w0)}  ${String(r.wall_ms.median).padStart(5)} ms (min ${r.wall_ms.min}, max ${r.wall_ms.max})${r.cpu_ms === null ? "" : `  CPU ${r.cpu_ms} ms`}`,
  );
if (process.argv.includes("--report")) {
  const date = new Date().toISOString();
  fs.mkdirSync("reports/bench", { recursive: true });
  const file = path.join("reports/bench", `${date.slice(0, 10)}-startup.json`);
  fs.writeFileSync(file, `${JSON.stringify({ date, node: process.version, startup: result }, null, 2)}\n`);
  log(`written to ${file}`);
} else {
  console.log(JSON.stringify(result));
}
