// Named points where the crash-safety test kills the process (SIGKILL, like `kill -9`), and where the lease tests
// freeze it (SIGSTOP, as a debugger or a starved host would; SIGCONT thaws it) — at a known point, not after a
// guessed delay. Inert unless PARTITION_DESK_CRASH_AT / PARTITION_DESK_STOP_AT names the point: only the tests'
// child processes set them.
export type CrashPoint = "before_write" | "mid_batch" | "before_status_commit" | "between_steps";

let stopped = false;

export function crashPoint(point: CrashPoint): void {
  if (process.env.PARTITION_DESK_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
  // Once: thawed, the process goes on as a worker that was frozen there.
  if (process.env.PARTITION_DESK_STOP_AT === point && !stopped) {
    stopped = true;
    process.kill(process.pid, "SIGSTOP");
  }
}
