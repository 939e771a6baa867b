// A real PostgreSQL server for the suites that need one: Debian's PostgreSQL 15 (installed with apt when missing),
// a throwaway cluster in a temporary folder, listening on loopback only, stopped and deleted afterwards. The server
// refuses to run as root, so as root the cluster belongs to the `postgres` user the package creates.
//
//   node scripts/postgres.mjs start [port]   prints the DATABASE_URL, keeps running until Ctrl-C
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const PG_BIN = process.env.PG_BIN || "/usr/lib/postgresql/15/bin";

const asRoot = process.getuid?.() === 0;

export function ensurePostgres() {
  if (fs.existsSync(path.join(PG_BIN, "initdb"))) return PG_BIN;
  console.log(`PostgreSQL not found in ${PG_BIN}: installing Debian's postgresql package (needs root and apt)…`);
  const sudo = asRoot ? "" : "sudo ";
  execFileSync(
    "sh",
    [
      "-c",
      `${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15`,
    ],
    { stdio: "inherit" },
  );
  if (!fs.existsSync(path.join(PG_BIN, "initdb")))
    throw new Error(`apt-get installed postgresql-15 but ${PG_BIN}/initdb is still missing`);
  return PG_BIN;
}

/** Runs a PostgreSQL program as the cluster's owner; throws with its output when it fails. */
function pg(program, args) {
  const command = asRoot
    ? ["runuser", ["-u", "postgres", "--", path.join(PG_BIN, program), ...args]]
    : [path.join(PG_BIN, program), args];
  const r = spawnSync(command[0], command[1], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${program} ${args.join(" ")} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * Starts a fresh cluster on `port` with one database, `database`. Returns its URL and `stop()`, which stops the
 * server and deletes the cluster.
 */
export function startPostgres({ port = 55432, database = "partition_desk" } = {}) {
  ensurePostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "partition-desk-pg-"));
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  // Durability is not what the tests measure: fsync off keeps a 2-core machine fast.
  pg("pg_ctl", [
    "-D",
    data,
    "-l",
    path.join(dir, "server.log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200`,
    "start",
  ]);
  pg("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", database]);
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/${database}`,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A test file's own server on a free-ish port, made this process's store (DATABASE_URL) before anything reads the
 * configuration: call it from the file's vi.hoisted block.
 */
export function startPostgresForThisFile() {
  const started = startPostgres({ port: 56000 + Math.floor(Math.random() * 2000) });
  process.env.DATABASE_URL = started.url;
  return started;
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === "start") {
  const server = startPostgres({ port: Number(process.argv[3]) || 55432 });
  console.log(server.url);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => (server.stop(), process.exit(0)));
  setInterval(() => {}, 1 << 30);
}
