// A backfill's lifecycle, in the operator's words. Pure: shared by the engine, the pages and the API.
export const BACKFILL_STATUSES = ["queued", "running", "paused", "cancelling", "cancelled", "completed", "completed_with_failures"] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];

/** Statuses a backfill never leaves. */
export const FINISHED_BACKFILL: readonly string[] = ["cancelled", "completed", "completed_with_failures"];

export const BACKFILL_STATUS_DESCRIPTIONS: Record<BackfillStatus, string> = {
  queued: "waiting for a worker to start its first run",
  running: "workers are executing its runs, as many at once as it allows (below)",
  paused: "no new run starts until it is resumed; a run already started finishes",
  cancelling: "cancel requested: queued runs were cancelled; the running one stops at its next step and its write is undone",
  cancelled: "cancelled: partitions that had not finished keep the rows they had before",
  completed: "every partition's run succeeded; the partitions wait for a reviewer",
  completed_with_failures: "finished, but some partitions failed or were cancelled: re-execute them",
};

/** What a partition's run status means on a backfill's strip. */
export const RUN_STATUS_WORDS: Record<string, string> = {
  queued: "queued",
  running: "running",
  succeeded: "done",
  failed: "failed",
  interrupted: "interrupted",
  cancelled: "cancelled",
};

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
