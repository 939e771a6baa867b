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
