// The idempotency guard: ticket_id + partition_key. Within a partition one row per ticket — its latest
// event by UTC time, ties broken by event_id — so redelivered lines and same-day updates collapse. Pure.
import type { PartitionKey } from "@/lib/domain/partition";

export const IDEMPOTENCY_GUARD = "ticket_id + partition_key";

export interface GuardedEvent {
  ticketId: string;
  eventId: string;
  partitionKey: PartitionKey;
  eventTimeUtc: string; // ISO with Z, so string order is time order
}

function later<T extends GuardedEvent>(a: T, b: T): T {
  if (a.eventTimeUtc !== b.eventTimeUtc) return a.eventTimeUtc > b.eventTimeUtc ? a : b;
  return a.eventId >= b.eventId ? a : b;
}

/** One event per (ticket, partition), sorted by partition then ticket for stable output. */
export function applyGuard<T extends GuardedEvent>(events: Iterable<T>): T[] {
  const kept = new Map<string, T>();
  for (const e of events) {
    const key = `${e.partitionKey}\u0000${e.ticketId}`;
    const current = kept.get(key);
    kept.set(key, current ? later(current, e) : e);
  }
  return [...kept.values()].sort((a, b) =>
    a.partitionKey === b.partitionKey ? (a.ticketId < b.ticketId ? -1 : 1) : a.partitionKey < b.partitionKey ? -1 : 1,
  );
}

/** Priority as silver stores it: P1..P4, upper-cased; anything else is null (and fails the check). */
export function normalisePriority(priority: string | null): string | null {
  if (priority === null) return null;
  const p = priority.trim().toUpperCase();
  return /^P[1-4]$/.test(p) ? p : null;
}
