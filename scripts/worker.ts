// npm run worker — one worker process: claims queued runs and executes them outside the web server, until
// SIGINT/SIGTERM (it finishes the current run first). Start as many as you like; on SQLite one runs at a time.
import os from "node:os";
import { config } from "@/lib/config";
import { removeStaleTemporaryFiles } from "@/lib/files";
import { checkStartup } from "@/lib/startup";

// lib/db.ts opens the store as it is loaded, from the configuration: a bad one is refused before anything loads it.
checkStartup();
const { Worker } = await import("@/lib/engine/worker");
const stale = removeStaleTemporaryFiles(config().reportDir);
if (stale)
  console.log(
    `removed ${stale} temporary file${stale === 1 ? "" : "s"} an earlier crash left under ${config().reportDir}`,
  );
const worker = await new Worker({
  log: (line) => console.log(`[worker ${new Date().toISOString()}] ${line}`),
}).register();
console.log(
  `worker ${worker.id} on ${os.hostname()} (pid ${process.pid}): lease ${config().worker.leaseMs} ms; waiting for queued runs`,
);
// A second signal stops at once. One Ctrl-C under `npm run demo` arrives twice (from the terminal, and forwarded by
// scripts/serve.mjs): a repeat within a second is that same Ctrl-C, and the current run still finishes.
let stoppingSince: number | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince > 1000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    console.log(`worker ${worker.id}: ${signal}, finishing the current run, then stopping`);
    void worker.stop().then(() => process.exit(0));
  });
}
await worker.run();
