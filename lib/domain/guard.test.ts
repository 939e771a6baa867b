import { describe, expect, it } from "vitest";
import { applyGuard, normalisePriority } from "@/lib/domain/guard";
import type { PartitionKey } from "@/lib/domain/partition";

const k = "2026-04-17" as PartitionKey;

describe("the guard ticket_id + partition_key", () => {
  it("keeps one row per ticket: its latest event by UTC time", () => {
    const rows = applyGuard([
      { ticketId: "T-1", eventId: "evt-2", partitionKey: k, eventTimeUtc: "2026-04-17T22:30:00.000Z" },
      { ticketId: "T-1", eventId: "evt-9", partitionKey: k, eventTimeUtc: "2026-04-17T23:59:59.000Z" },
      { ticketId: "T-2", eventId: "evt-3", partitionKey: k, eventTimeUtc: "2026-04-17T09:12:00.000Z" },
    ]);
    expect(rows.map((r) => [r.ticketId, r.eventId])).toEqual([
      ["T-1", "evt-9"],
      ["T-2", "evt-3"],
    ]);
  });

  it("breaks a tie in time by event_id, whatever the input order", () => {
    const a = { ticketId: "T-1", eventId: "evt-1", partitionKey: k, eventTimeUtc: "2026-04-17T10:00:00.000Z" };
    const b = { ...a, eventId: "evt-2" };
    expect(applyGuard([a, b])[0]!.eventId).toBe("evt-2");
    expect(applyGuard([b, a])[0]!.eventId).toBe("evt-2");
  });

  it("collapses a redelivered line (same event twice) to one row", () => {
    const e = { ticketId: "T-1", eventId: "evt-1", partitionKey: k, eventTimeUtc: "2026-04-17T10:00:00.000Z" };
    expect(applyGuard([e, { ...e }])).toHaveLength(1);
  });

  it("keeps the same ticket in two partitions as two rows", () => {
    const e = { ticketId: "T-1", eventId: "evt-1", partitionKey: k, eventTimeUtc: "2026-04-17T10:00:00.000Z" };
    expect(
      applyGuard([
        e,
        {
          ...e,
          eventId: "evt-2",
          partitionKey: "2026-04-18" as PartitionKey,
          eventTimeUtc: "2026-04-18T01:00:00.000Z",
        },
      ]),
    ).toHaveLength(2);
  });
});

describe("priority normalisation", () => {
  it("upper-cases p1..p4 and nulls anything else", () => {
    expect(normalisePriority("p3")).toBe("P3");
    expect(normalisePriority("P1")).toBe("P1");
    expect(normalisePriority("P5")).toBeNull();
    expect(normalisePriority(null)).toBeNull();
  });
});
