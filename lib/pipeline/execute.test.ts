// The five recovery actions on the seeded scenario, each executed from a stored plan, inside its boundary.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PARTITIONED_ASSETS, SILVER_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { cancelRun, executePlan } from "@/lib/engine/execute-plan";
import { ActiveRunError, queueRun } from "@/lib/engine/queue";
import { drainQueue, inlineWorker } from "@/lib/engine/worker";
import { createPlan } from "@/lib/pipeline/plans";
import { partitionStatuses } from "@/lib/read-model/partitions";
import { planAndExecute, useSeededStore } from "@/lib/test-support";

const operator = "operator@example.com";

beforeAll(() => useSeededStore());

async function statuses(key: string) {
  return (await partitionStatuses(key as PartitionKey, key as PartitionKey)).map((s) => s.status);
}

describe("backfill", () => {
  it("2026-04-17 → 3 silver rows, each ticket's latest event, checks pass, pending_review; again → nothing written", async () => {
    const { plan, summaries } = await planAndExecute({ partition: "2026-04-17" });
    expect(summaries).toEqual([expect.objectContaining({ status: "succeeded", checksFailed: 0 })]);
    const silver = await db.silverTicketFact.findMany({
      where: { partitionKey: "2026-04-17" },
      orderBy: { ticketId: "asc" },
    });
    expect(silver.map((r) => [r.ticketId, r.eventId])).toEqual([
      ["T-10743", "evt-001256"],
      ["T-10744", "evt-001257"],
      ["T-10745", "evt-001260"],
    ]);
    expect(await statuses("2026-04-17")).toEqual(["pending_review", "pending_review", "pending_review"]);

    const runsBefore = await db.run.count();
    expect(await executePlan(plan.plan_id, operator)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/was already executed .*would write twice/),
    });
    expect(await createPlan({ partition: "2026-04-17", action: "backfill" }, operator)).toMatchObject({
      ok: false,
      code: "unprocessable",
      message: "backfill: 2026-04-17 is already built; use rerun to rebuild it",
    });
    expect(await db.run.count()).toBe(runsBefore);
  });

  it("a window 2026-03-22..2026-03-24 builds each partition in its own run, newest first, each with its own evidence", async () => {
    const { runIds, summaries } = await planAndExecute({ from: "2026-03-22", to: "2026-03-24" });
    expect(summaries.map((s) => [s.partitionKey, s.status])).toEqual([
      ["2026-03-24", "succeeded"],
      ["2026-03-23", "succeeded"],
      ["2026-03-22", "succeeded"],
    ]);
    // …and in that order the worker executed them.
    const started = await db.run.findMany({
      where: { id: { in: runIds } },
      orderBy: { startedAt: "asc" },
      select: { partitionKey: true },
    });
    expect(started.map((r) => r.partitionKey)).toEqual(["2026-03-24", "2026-03-23", "2026-03-22"]);
    expect(await db.evidence.count({ where: { runId: { in: runIds } } })).toBe(3);
    for (const key of ["2026-03-22", "2026-03-23", "2026-03-24"])
      expect(await statuses(key)).toEqual(["pending_review", "pending_review", "pending_review"]);
  });
});

describe("retry", () => {
  it("2026-04-03 → succeeds as attempt 2, linked to the failed run", async () => {
    const failed = await db.run.findFirstOrThrow({ where: { partitionKey: "2026-04-03", status: "failed" } });
    const { runIds } = await planAndExecute({ partition: "2026-04-03", action: "retry" });
    expect(await db.run.findUniqueOrThrow({ where: { id: runIds[0]! } })).toMatchObject({
      status: "succeeded",
      attempt: 2,
      retryOfRunId: failed.id,
      action: "retry",
    });
    expect(await db.silverTicketFact.count({ where: { partitionKey: "2026-04-03" } })).toBe(30);
  });

  it("is refused on a partition whose last run did not fail", async () => {
    expect(await createPlan({ partition: "2026-04-28", action: "retry" }, operator)).toMatchObject({
      ok: false,
      code: "unprocessable",
      message: "retry: no run of 2026-04-28 failed",
    });
  });
});

describe("replay", () => {
  it("2026-03-15 with manifest 003 is refused; with manifest 002 → 28 rows, the manifest recorded as evidence", async () => {
    expect(
      await createPlan({ partition: "2026-03-15", action: "replay", manifest: "week06-broken-manifest-003" }, operator),
    ).toMatchObject({ ok: false });
    const { runIds } = await planAndExecute({
      partition: "2026-03-15",
      action: "replay",
      manifest: "week06-late-manifest-002",
    });
    expect(await db.silverTicketFact.count({ where: { partitionKey: "2026-03-15" } })).toBe(28);
    expect(await db.run.findUniqueOrThrow({ where: { id: runIds[0]! } })).toMatchObject({
      manifestId: "week06-late-manifest-002",
      status: "succeeded",
    });
    const evidence = JSON.parse((await db.evidence.findUniqueOrThrow({ where: { runId: runIds[0]! } })).document) as {
      manifests: { manifest_id: string }[];
    };
    expect(evidence.manifests.map((m) => m.manifest_id)).toEqual([
      "week06-late-manifest-002",
      "week06-seed-manifest-001",
    ]);
    expect(await statuses("2026-03-15")).toEqual(["pending_review", "pending_review", "pending_review"]);
  });
});

describe("restore", () => {
  it("2026-04-09 → the pre-corruption rows, checks pass, and nothing else changes", async () => {
    const snapshot = await db.snapshot.findFirstOrThrow({
      where: { partitionKey: "2026-04-09", assetKey: SILVER_ASSET },
    });
    const rawBefore = await db.rawTicketEvent.findMany({
      where: { partitionKey: "2026-04-09" },
      orderBy: { ticketId: "asc" },
    });
    const { summaries } = await planAndExecute({ partition: "2026-04-09", action: "restore" });
    expect(summaries).toEqual([expect.objectContaining({ status: "succeeded", checksFailed: 0 })]);
    const silver = await db.silverTicketFact.findMany({
      where: { partitionKey: "2026-04-09" },
      orderBy: { ticketId: "asc" },
    });
    const expected = (JSON.parse(snapshot.rows) as { ticketId: string; priority: string }[]).map((r) => [
      r.ticketId,
      r.priority,
    ]);
    expect(silver.map((r) => [r.ticketId, r.priority])).toEqual(expected);
    expect(
      await db.rawTicketEvent.findMany({ where: { partitionKey: "2026-04-09" }, orderBy: { ticketId: "asc" } }),
    ).toEqual(rawBefore);
    expect(
      (await partitionStatuses("2026-04-09" as PartitionKey, "2026-04-09" as PartitionKey)).find(
        (s) => s.asset === SILVER_ASSET,
      )!.status,
    ).toBe("pending_review");
  });
});

describe("executing exactly what was reviewed", () => {
  it("refuses a plan whose partitions changed since it was made, as drifted", async () => {
    const made = await createPlan({ from: "2026-04-25", to: "2026-04-29", reprocess: "all" }, operator);
    if (!made.ok) throw new Error(made.message);
    await planAndExecute({ partition: "2026-04-26", action: "rerun" });
    const result = await executePlan(made.plan.plan_id, operator, { confirmWithdraw: true });
    expect(result).toMatchObject({
      ok: false,
      drifted: true,
      message: expect.stringMatching(
        /^plan [0-9a-f]{16} drifted: the store changed since it was made \(.*partitions.*\); make a fresh plan/,
      ),
    });
    expect(await db.plan.findUniqueOrThrow({ where: { id: made.plan.plan_id } })).toMatchObject({ status: "drifted" });
  });
});

describe("the queue", () => {
  it("allows at most one active run per (asset, partition), enforced by the store", async () => {
    const first = await queueRun({
      partitionKey: "2026-04-20" as PartitionKey,
      action: "rerun",
      assets: PARTITIONED_ASSETS,
      operator,
    });
    await expect(
      queueRun({ partitionKey: "2026-04-20" as PartitionKey, action: "rerun", assets: PARTITIONED_ASSETS, operator }),
    ).rejects.toThrow(ActiveRunError);
    await expect(
      queueRun({ partitionKey: "2026-04-20" as PartitionKey, action: "rerun", assets: PARTITIONED_ASSETS, operator }),
    ).rejects.toThrow(`rerun: a run of 2026-04-20 is already active (run ${first})`);
    expect(await createPlan({ partition: "2026-04-20", action: "rerun" }, operator)).toMatchObject({ ok: true });
    await drainQueue();
    expect(await db.run.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ status: "succeeded" });
    expect(await db.partitionLock.count({ where: { runId: first } })).toBe(0);
  });

  it("cancels a queued run before it writes anything, and releases its locks", async () => {
    const id = await queueRun({
      partitionKey: "2026-04-21" as PartitionKey,
      action: "rerun",
      assets: PARTITIONED_ASSETS,
      operator,
    });
    expect(await cancelRun(id, operator)).toMatchObject({ ok: true, message: `run ${id} cancelled before it started` });
    await expect((await inlineWorker()).executeRun(id)).rejects.toThrow(`run ${id} was not queued`);
    expect(await db.run.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "cancelled" });
    expect(await db.partitionLock.count({ where: { runId: id } })).toBe(0);
    expect(await db.materialization.count({ where: { runId: id } })).toBe(0);
  });
});
