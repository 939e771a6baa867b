// Serves a built app: the web server (next start) and one worker process, together. Ctrl-C (or SIGTERM) stops
// both; if either exits, the other is stopped too. Used by `npm run demo` and the browser tests.
import { spawn } from "node:child_process";

export function serve(port, env = process.env) {
  const children = [
    spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
      stdio: "inherit",
      env,
    }),
    spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { stdio: "inherit", env }),
  ];
  let exiting = false;
  // The first process to stop decides the exit status: a server or worker refusing to start is a failure, even
  // though the other then stops cleanly when told to.
  let status = null;
  const stopAll = (signal) => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      exiting = true;
      stopAll(signal);
    });
  }
  for (const child of children) {
    child.on("exit", (code) => {
      if (!exiting) {
        exiting = true;
        status = code ?? 0;
        stopAll("SIGTERM");
      }
      if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(status ?? code ?? 0);
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) serve(process.argv[2] ?? process.env.PORT ?? "3000");
