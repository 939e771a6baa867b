// The downstream gate for a range and since a cursor, on the seeded scenario: the range agrees with the
// single-partition answer, and the cursor lists a partition once when it is released — not when it is withdrawn.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { reviewEvidence } from "@/lib/pipeline/review";
import { consumption, consumptionOf, releasedSince } from "@/lib/read-model/consumption";
import { planAndExecute, useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

describe("consumption", () => {
  it("answers a range exactly as partition by partition: the scenario's holes are held", async () => {
    const range = await consumptionOf("2026-03-20" as PartitionKey, "2026-03-26" as PartitionKey, "week07");
    expect(range.map((c) => [c.partition_key, c.consumable])).toEqual([
      ["2026-03-20", true],
      ["2026-03-21", true],
      ["2026-03-22", false],
      ["2026-03-23", false],
      ["2026-03-24", false],
      ["2026-03-25", true],
      ["2026-03-26", true],
    ]);
    for (const c of range) expect(await consumption(c.partition_key as PartitionKey, "week07")).toEqual(c);
  });

  it("since a cursor: every released partition the first time, then only what a new approval released", async () => {
    const first = await releasedSince(0, "week08");
    const released = (await consumptionOf("2026-03-01" as PartitionKey, "2026-04-30" as PartitionKey, "week08")).filter(
      (c) => c.consumable,
    );
    expect(first.partitions.map((p) => p.partition_key).sort()).toEqual(released.map((c) => c.partition_key));
    expect(first).toMatchObject({ since: 0, has_more: false });
    expect(await releasedSince(first.next_since, "week08")).toEqual({
      consumer: "week08",
      since: first.next_since,
      next_since: first.next_since,
      has_more: false,
      partitions: [],
    });

    const run = await db.run.findFirstOrThrow({ where: { partitionKey: "2026-04-28", action: "scheduled" } });
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: run.id } });
    const approved = await reviewEvidence({
      evidenceId: evidence.id,
      reviewer: "reviewer@example.com",
      decision: "approved",
    });
    if (!approved.ok) throw new Error(approved.message);
    const after = await releasedSince(first.next_since, "week08");
    expect(after).toMatchObject({
      next_since: approved.reviewId,
      has_more: false,
      partitions: [
        { partition_key: "2026-04-28", consumable: true, evidence_id: evidence.id, review_id: approved.reviewId },
      ],
    });

    // Paging: one approval per answer, the cursor walks forward.
    const paged = await releasedSince(0, "week08", 1);
    expect(paged).toMatchObject({ has_more: true, next_since: paged.partitions[0]?.review_id });

    // A rewrite withdraws 04-28 before the consumer read: the cursor does not offer it.
    await planAndExecute({ partition: "2026-04-28", action: "rerun" });
    expect((await releasedSince(first.next_since, "week08")).partitions).toEqual([]);
  });
});
