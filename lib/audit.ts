// The audit trail: who did what to which target, and whether it was allowed. Every entry is bounded (a target of
// 200 characters, details of 2,000), and refusals of anonymous callers are rate-limited per action — the first few
// each minute are written, the rest counted into one summary — so nobody can flood the trail or crowd out real
// events with junk requests.
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

const anonymous = new Map<string, { windowStart: number; written: number; suppressed: number }>();

/** Whether an anonymous refusal is written now; a window that closed with suppressed entries yields its summary. */
function admitAnonymous(action: string, now: number): { write: boolean; summary: number } {
  const w = anonymous.get(action);
  if (!w || now - w.windowStart > 60_000) {
    anonymous.set(action, { windowStart: now, written: 1, suppressed: 0 });
    return { write: true, summary: w?.suppressed ?? 0 };
  }
  if (w.written < ANONYMOUS_PER_MINUTE) {
    w.written += 1;
    return { write: true, summary: 0 };
  }
  w.suppressed += 1;
  return { write: false, summary: 0 };
}

export async function audit(entry: AuditEntry, writer: Writer = db): Promise<void> {
  if (entry.actor === "anonymous" && entry.outcome === "refused") {
    const { write, summary } = admitAnonymous(entry.action, Date.now());
    if (summary > 0) {
      await writer.auditEvent.create({
        data: {
          actor: "anonymous",
          action: entry.action,
          target: "(many)",
          outcome: "refused",
          detail: boundedDetail({
            suppressed: summary,
            why: text("auditText.suppressed", { count: ANONYMOUS_PER_MINUTE }),
          }),
        },
      });
    }
    if (!write) return;
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
