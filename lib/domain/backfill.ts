// A backfill's lifecycle, in the operator's words. Pure: shared by the engine, the pages and the API.
import { isOneOf } from "@/lib/domain/one-of";

export const BACKFILL_STATUSES = [
  "queued",
  "running",
  "paused",
  "cancelling",
  "cancelled",
  "completed",
  "completed_with_failures",
] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];

/** A run's statuses, in the order a run passes through them (the last three end it). */
export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "interrupted", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export function isRunStatus(status: string): status is RunStatus {
  return isOneOf(RUN_STATUSES, status);
}

/** A run's statuses that Re-execute takes up again: it failed, was interrupted or was cancelled. */
export const UNFINISHED_RUN_STATUSES: readonly RunStatus[] = ["failed", "interrupted", "cancelled"];

/** The backfill page's run filter: a run status, or `unfinished` (any of UNFINISHED_RUN_STATUSES). */
export const BACKFILL_RUN_STATUS_FILTERS = [...RUN_STATUSES, "unfinished"] as const;
export type BackfillRunStatusFilter = (typeof BACKFILL_RUN_STATUS_FILTERS)[number];

/** Statuses a backfill never leaves. */
export const FINISHED_BACKFILL: readonly BackfillStatus[] = ["cancelled", "completed", "completed_with_failures"];

/** A duration as its largest units: seconds, minutes and seconds, or hours and minutes (the pages word them). */
export function durationParts(
  ms: number,
): { unit: "s"; s: number } | { unit: "m"; m: number; s: number } | { unit: "h"; h: number; m: number } {
  const s = Math.round(ms / 1000);
  if (s < 60) return { unit: "s", s };
  const m = Math.floor(s / 60);
  if (m < 60) return { unit: "m", m, s: s % 60 };
  return { unit: "h", h: Math.floor(m / 60), m: m % 60 };
}

/**
 * How long a backfill has left, from the mean duration of its finished runs and how many may run at once. None
 * while it is paused or cancelling — nothing new starts, so any figure would be a guess that never comes true — nor
 * before a run has finished; 0 once nothing is left.
 */
export function backfillEta({
  status,
  meanRunMs,
  left,
  maxConcurrentRuns,
}: {
  status: BackfillStatus;
  meanRunMs: number | null;
  left: number;
  maxConcurrentRuns: number;
}): number | null {
  if (left === 0) return 0;
  if (meanRunMs === null || status === "paused" || status === "cancelling" || FINISHED_BACKFILL.includes(status))
    return null;
  return Math.round((meanRunMs * left) / Math.max(1, maxConcurrentRuns));
}

/** The share of a backfill's partitions done, in whole percent, rounded down: 100 only when every one is done. */
export function percentDone(done: number, total: number): number {
  return total > 0 ? Math.floor((100 * done) / total) : 0;
}

/**
 * Partition keys in the order they are shown, cut into runs of the same month (`YYYY-MM`): the strip labels each
 * month once. The order is kept — a month may come back after another when the order is not by date.
 */
export function byMonth<T>(items: readonly T[], keyOf: (item: T) => string): { month: string; items: T[] }[] {
  const months: { month: string; items: T[] }[] = [];
  for (const item of items) {
    const month = keyOf(item).slice(0, 7);
    const last = months.at(-1);
    if (last?.month === month) last.items.push(item);
    else months.push({ month, items: [item] });
  }
  return months;
}
