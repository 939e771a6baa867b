// Serves a built app: the web server (next start) and one worker process, together. Ctrl-C (or SIGTERM) stops
// both; if either exits, the other is stopped too. Used by `npm run demo` and the browser tests.
import { spawn } from "node:child_process";

/**
 * How long the web server may take to stop. Next.js stops by waiting for its open connections to end, and a page
 * left open polls through a kept-alive connection every few seconds: caught mid-request, that connection never ends
 * and the server never stops. After this long it is killed (it holds no state; the worker finishes its run).
 */
const WEB_STOP_GRACE_MS = 5000;

export function serve(port, env = process.env) {
  const web = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    stdio: "inherit",
    env,
  });
  const children = [web, spawn(process.execPath, ["scripts/run.mjs", "worker"], { stdio: "inherit", env })];
  let exiting = false;
  // The first process to stop decides the exit status: a server or worker refusing to start is a failure, even
  // though the other then stops cleanly when told to.
  let status = null;
  let killTimer = null;
  const stopAll = (signal) => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
    killTimer ??= setTimeout(() => {
      if (web.exitCode !== null || web.signalCode !== null) return;
      console.log(
        `the web server had not stopped ${WEB_STOP_GRACE_MS / 1000} s after ${signal} (an open page's connection); stopping it now`,
      );
      web.kill("SIGKILL");
    }, WEB_STOP_GRACE_MS);
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
