// The main flow on PostgreSQL, end to end through the same code the pages and the API call: calendar → plan the
// 04-17 backfill → execute (the engine's queue, drained here) → checks → evidence → approve → consumable; the 03-15
// replay's diff; a bulk review of the 03-22..24 window; and every page's loader answering on this store.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PartitionKey } from "@/lib/domain/partition";

const server = vi.hoisted(async () => (await import("../scripts/postgres.mjs")).startPostgresForThisFile());

beforeAll(async () => (await import("@/lib/test-support")).seedPostgresStore());

afterAll(async () => {
  await (await import("@/lib/test-support")).stopPostgresStore(server);
});

describe("the main flow on PostgreSQL", () => {
  it("backfills 2026-04-17: plan, execute, checks, evidence, a reviewer approves, downstream may consume", async () => {
    const { planAndExecute } = await import("@/lib/test-support");
    const { db } = await import("@/lib/db");
    const { reviewEvidence } = await import("@/lib/pipeline/review");
    const { consumption } = await import("@/lib/read-model/consumption");
    const done = await planAndExecute({ partition: "2026-04-17" }, "operator@example.com");
    expect(done.plan).toMatchObject({
      proposed_action: "dry_run_ticket_ingest_for_partition",
      expected_input_count: 3,
      current_output_count: 0,
    });
    expect(done.summaries).toEqual([expect.objectContaining({ status: "succeeded", checksFailed: 0 })]);
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: done.runIds[0]! } });
    expect(
      await reviewEvidence({ evidenceId: evidence.id, reviewer: "operator@example.com", decision: "approved" }),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect((await consumption("2026-04-17" as PartitionKey, "week07")).consumable).toBe(false);
    expect(
      await reviewEvidence({ evidenceId: evidence.id, reviewer: "reviewer@example.com", decision: "approved" }),
    ).toMatchObject({ ok: true });
    expect(await consumption("2026-04-17" as PartitionKey, "week07")).toMatchObject({
      consumable: true,
      evidence_id: evidence.id,
    });
    // Idempotent on the guard: building it again writes no second row of any ticket.
    const again = await planAndExecute({ partition: "2026-04-17", action: "rerun" }, "operator@example.com");
    expect(again.summaries).toEqual([expect.objectContaining({ status: "succeeded" })]);
    const [dupes] = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT COUNT(*) AS n FROM (SELECT "ticketId" FROM "SilverTicketFact" WHERE "partitionKey" = '2026-04-17' GROUP BY "ticketId" HAVING COUNT(*) > 1) d`;
    expect(Number(dupes!.n)).toBe(0);
  });

  it("replays 2026-03-15 with manifest 002: 28 rows, and the evidence's diff says 5 added, 0 removed", async () => {
    const { planAndExecute } = await import("@/lib/test-support");
    const { evidenceDetail } = await import("@/lib/views/evidence");
    const done = await planAndExecute({ partition: "2026-03-15", action: "replay" }, "operator@example.com");
    const detail = await evidenceDetail(done.runIds[0]!);
    const silver = detail!.changes.find((c) => c.asset === "week06/silver/ticket_fact_partitioned")!;
    expect(silver).toMatchObject({
      before: 23,
      after: 28,
      diff: expect.objectContaining({ added: 5, removed: 0, changed: 0, unchanged: 23 }),
    });
  });

  it("bulk-reviews the 2026-03-22..24 window: the operator's own runs refused, a reviewer approves all three", async () => {
    const { planAndExecute } = await import("@/lib/test-support");
    const { reviewMany } = await import("@/lib/pipeline/review");
    const done = await planAndExecute({ from: "2026-03-22", to: "2026-03-24" }, "lead@example.com");
    expect(
      (await reviewMany({ runIds: done.runIds, reviewer: "lead@example.com", decision: "approved" })).refused,
    ).toHaveLength(3);
    const result = await reviewMany({
      runIds: done.runIds,
      reviewer: "reviewer@example.com",
      decision: "approved",
      reason: "window checked",
    });
    expect(result).toMatchObject({
      refused: [],
      reviewed: expect.arrayContaining([expect.objectContaining({ partitionKey: "2026-03-23" })]),
    });
  });

  it("two reviewers approving one evidence at the same moment: one decides, the other is told it was decided", async () => {
    const { planAndExecute } = await import("@/lib/test-support");
    const { db } = await import("@/lib/db");
    const { reviewEvidence } = await import("@/lib/pipeline/review");
    const { releasedSince } = await import("@/lib/read-model/consumption");
    const before = await releasedSince(0, "week07", 100_000);
    const done = await planAndExecute({ partition: "2026-04-12", action: "rerun" }, "operator@example.com");
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: done.runIds[0]! } });
    const results = await Promise.all(
      ["reviewer@example.com", "lead@example.com"].map((reviewer) =>
        reviewEvidence({ evidenceId: evidence.id, reviewer, decision: "approved" }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(new RegExp(`^evidence ${evidence.id} was already approved by`)),
    });
    expect(await db.review.count({ where: { evidenceId: evidence.id } })).toBe(1);
    // The consumers' cursor moves past exactly that approval.
    const after = await releasedSince(before.next_since, "week07");
    expect(after.partitions.map((p) => p.partition_key)).toEqual(["2026-04-12"]);
  });

  it("answers every page's loader", async () => {
    const { calendarData } = await import("@/lib/views/calendar");
    const { evidenceQueue } = await import("@/lib/views/evidence-queue");
    const { partitionDetail } = await import("@/lib/views/partition");
    const { strategy } = await import("@/lib/views/strategy");
    const { backfillRows } = await import("@/lib/views/backfills");
    const { auditPage } = await import("@/lib/views/audit");
    const { planList } = await import("@/lib/views/plans");
    const { deliveryList } = await import("@/lib/views/deliveries");
    const { releasedSince } = await import("@/lib/read-model/consumption");
    const table = (sort: string, filters: Record<string, string> = {}) => ({
      sort,
      dir: "desc" as const,
      page: 1,
      filters,
    });
    const calendar = await calendarData("2026-03-01" as PartitionKey, "2026-04-30" as PartitionKey);
    expect(calendar).toBeTruthy();
    const queue = await evidenceQueue(table("runId", { state: "awaiting review" }));
    expect(queue.rows.length).toBeGreaterThan(0);
    expect(queue.stateCounts.approved).toBeGreaterThan(55);
    expect(await partitionDetail("2026-04-17" as PartitionKey)).toBeTruthy();
    expect(await strategy()).toBeTruthy();
    expect((await backfillRows(table("id"))).rows.length).toBeGreaterThan(0);
    expect((await auditPage(table("id"))).rows.length).toBeGreaterThan(0);
    expect((await planList(table("createdAt"))).rows.length).toBeGreaterThan(0);
    expect((await deliveryList(1)).rows).toEqual([]);
    expect((await releasedSince(0, "week07")).partitions.length).toBeGreaterThan(55);
  });

  it("keeps answering when the server ends its idle connections (a restart, an administrator)", async () => {
    const { pgRows, pool } = await import("@/lib/pg");
    const { db } = await import("@/lib/db");
    await pgRows("SELECT 1"); // a pooled connection, idle from now on
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await db.$queryRaw`SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() AND backend_type = 'client backend'`;
      await vi.waitFor(() =>
        expect(logged).toHaveBeenCalledWith(
          expect.stringMatching(/^PostgreSQL: an idle connection ended: terminating connection/),
        ),
      );
      // Every ended connection is reported on its own and the pool drops each as its report arrives; this test is about
      // the process surviving the reports and the pool answering after them, so it queries once all have arrived.
      await vi.waitFor(async () => expect((await pool()).totalCount).toBe(0));
      expect(await pgRows<{ n: number }>("SELECT 1 AS n")).toEqual([{ n: 1 }]);
    } finally {
      logged.mockRestore();
    }
  });
});
