// Named points where the crash-safety test kills the process (SIGKILL, like `kill -9`). Inert unless
// PARTITION_DESK_CRASH_AT names the point — only the test's child process sets it.
export type CrashPoint = "before_write" | "mid_batch" | "before_status_commit";

export function crashPoint(point: CrashPoint): void {
  if (process.env.PARTITION_DESK_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
