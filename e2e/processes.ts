// Real processes for specs that need their own store: the CLI, the store generator, and a web server with its worker (scripts/serve.mjs).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function script(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, args, {
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 26,
  });
}

/** The compiled CLI, as `npm run -s cli` starts it (scripts/run.mjs). */
export function cli(args: string[], env: Record<string, string>): string {
  return script(["scripts/run.mjs", "cli", ...args], env);
}

/** A generated large store (scripts/generate.ts) in the env's DATABASE_URL. */
export function generate(args: string[], env: Record<string, string>): string {
  return script(["--import", "tsx", "scripts/generate.ts", ...args], env);
}

export interface Served {
  base: string;
  /** Stops it (SIGTERM to its process group); resolves true when it had to be killed 10 s later. */
  stop: () => Promise<boolean>;
}

/** Starts `node scripts/serve.mjs <port>` (web server + worker), or `next start` alone, and waits until it answers. */
export async function serve(port: number, env: Record<string, string>, { worker = true } = {}): Promise<Served> {
  const args = worker
    ? ["scripts/serve.mjs", String(port)]
    : ["node_modules/next/dist/bin/next", "start", "-p", String(port)];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  // Kept for the failure message: a server that stops (or never starts) says why. All of it goes to a log that
  // every spec reads for failed requests (e2e/fixtures.ts).
  let output = "";
  fs.mkdirSync(process.env.E2E_DIR!, { recursive: true });
  const log = fs.createWriteStream(path.join(process.env.E2E_DIR!, `server-${port}.log`), { flags: "a" });
  child.once("close", () => log.end());
  const keep = (d: Buffer) => {
    log.write(d);
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const base = `http://127.0.0.1:${port}`;
  // A ceiling for a busy machine, not an expectation.
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/login`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`the server on ${port} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.on("exit", (code, signal) => {
    if (!stopping) console.error(`the server on ${port} stopped by itself (${signal ?? code}):\n${output}`);
  });
  let stopping = false;
  return {
    base,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return false;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGTERM");
      // A server waits for its open connections to end, and a page left open keeps polling; after a grace period the
      // test server is ended outright (CI once waited past the 60 s teardown).
      let forced = false;
      const force = setTimeout(() => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        forced = true;
        console.error(`the server on ${port} had not stopped 10 s after SIGTERM; killed:\n${output}`);
        process.kill(-child.pid!, "SIGKILL");
      }, 10_000);
      await exited;
      clearTimeout(force);
      return forced;
    },
  };
}
