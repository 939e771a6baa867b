// The audit trail: who did what to which target, and whether it was allowed. Every entry is bounded (a target of
// 200 characters, details of 2,000), and refusals of anonymous callers are rate-limited per action — the first few
// each minute are written, the rest counted into one summary row whose `occurrences` is their exact number, kept
// current as they come — so nobody can flood the trail, and the trail still accounts for every refused attempt.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { AuditOutcome } from "@/lib/domain/audit";
import { text, withTexts } from "@/lib/i18n/text";

type Writer = Pick<Prisma.TransactionClient, "auditEvent">;

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  /** Facts of the event; a value that is a catalog message (or a list of them) is said in each reader's language. */
  detail?: Record<string, unknown>;
}

export const MAX_TARGET = 200;
export const MAX_DETAIL = 2000;
const ANONYMOUS_PER_MINUTE = 10;

function bounded(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function boundedDetail(detail: Record<string, unknown> | undefined): string {
  const json = JSON.stringify(withTexts(detail ?? {}));
  return json.length <= MAX_DETAIL
    ? json
    : JSON.stringify({ truncated: true, preview: json.slice(0, MAX_DETAIL - 100) });
}

/** Per action, this process's minute: how many anonymous refusals it wrote, and the summary row counting the rest. */
const anonymous = new Map<string, { windowStart: number; written: number; summary: Promise<number> | null }>();

/** Whether an anonymous refusal is written as its own row now (the first few of each minute). */
function admitAnonymous(action: string, now: number) {
  const w = anonymous.get(action);
  if (!w || now - w.windowStart > 60_000) {
    const fresh = { windowStart: now, written: 1, summary: null };
    anonymous.set(action, fresh);
    return { write: true, window: fresh };
  }
  if (w.written < ANONYMOUS_PER_MINUTE) {
    w.written += 1;
    return { write: true, window: w };
  }
  return { write: false, window: w };
}

/** One more refusal past the limit: the minute's summary row is created (occurrences 1), or counts it. */
async function countIntoSummary(
  action: string,
  window: { summary: Promise<number> | null },
  writer: Writer,
): Promise<void> {
  const create = () =>
    writer.auditEvent
      .create({
        data: {
          actor: "anonymous",
          action: bounded(action, 100),
          target: "(many)",
          outcome: "refused",
          occurrences: 1,
          detail: boundedDetail({ why: text("auditText.suppressed", { count: ANONYMOUS_PER_MINUTE }) }),
        },
        select: { id: true },
      })
      .then((row) => row.id);
  // Set before anything is awaited, so refusals arriving together count into one row.
  if (!window.summary) {
    window.summary = create();
    await window.summary;
    return;
  }
  const id = await window.summary;
  const counted = await writer.auditEvent.updateMany({ where: { id }, data: { occurrences: { increment: 1 } } });
  if (counted.count === 0) window.summary = create(); // its row was rolled back with a caller's transaction
  await window.summary;
}

export async function audit(entry: AuditEntry, writer: Writer = db): Promise<void> {
  if (entry.actor === "anonymous" && entry.outcome === "refused") {
    const { write, window } = admitAnonymous(entry.action, Date.now());
    if (!write) return countIntoSummary(entry.action, window, writer);
  }
  await writer.auditEvent.create({
    data: {
      actor: bounded(entry.actor, MAX_TARGET),
      action: bounded(entry.action, 100),
      target: bounded(entry.target, MAX_TARGET),
      outcome: entry.outcome,
      detail: boundedDetail(entry.detail),
    },
  });
}
