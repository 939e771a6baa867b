// One set of status rules, two readers: deriveStatus over per-cell facts (partitionStatuses, the API and the
// planner) and the SQL aggregate the calendar uses for every cell at once (statusCodes). They must agree on every
// cell, whatever state the scenario, a drill, a rejection or a running run leaves a partition in.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PARTITIONED_ASSETS } from "@/lib/domain/assets";
import { decodeStatus } from "@/lib/domain/calendar";
import { partitionRange, type PartitionKey } from "@/lib/domain/partition";
import { claimRun, queueRun } from "@/lib/engine/queue";
import { applyDrill } from "@/lib/pipeline/drills";
import { reviewEvidence } from "@/lib/pipeline/review";
import { partitionStatuses, statusCodes } from "@/lib/read-model/partitions";
import { planAndExecute, useSeededStore } from "@/lib/test-support";

const from = "2026-03-01" as PartitionKey;
const to = "2026-04-30" as PartitionKey;

async function agree() {
  const cells = await partitionStatuses(from, to);
  const { codes } = await statusCodes(from, to, PARTITIONED_ASSETS);
  const keys = partitionRange(from, to);
  const fromSql = keys.flatMap((key, i) =>
    PARTITIONED_ASSETS.map((asset) => `${key} ${asset} ${decodeStatus(codes.get(asset)![i]!)}`),
  );
  expect(fromSql).toEqual(cells.map((c) => `${c.partition_key} ${c.asset} ${c.status}`));
  return new Set(cells.map((c) => c.status));
}

beforeAll(() => useSeededStore());

describe("statusCodes and partitionStatuses", () => {
  it("agree on the seeded scenario (released, pending, stale, failed, quarantined, missing)", async () => {
    expect(await agree()).toEqual(new Set(["released", "pending_review", "stale", "failed", "quarantined", "missing"]));
  });

  it("agree after a report moved aside, a rejection and a run in progress", async () => {
    expect(await applyDrill("move_report_aside", { partitionKey: "2026-04-20" }, "operator@example.com")).toMatchObject(
      { ok: true },
    );
    const { runIds } = await planAndExecute({ partition: "2026-04-17" });
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: runIds[0]! } });
    expect(
      await reviewEvidence({
        evidenceId: evidence.id,
        reviewer: "reviewer@example.com",
        decision: "rejected",
        reason: "wrong counts",
      }),
    ).toMatchObject({ ok: true });
    const running = await queueRun({
      partitionKey: "2026-03-02" as PartitionKey,
      action: "rerun",
      assets: PARTITIONED_ASSETS,
      operator: "operator@example.com",
    });
    await claimRun(running, "test-worker", 60_000);
    await db.materialization.create({
      data: { runId: running, assetKey: PARTITIONED_ASSETS[0], partitionKey: "2026-03-02", status: "running" },
    });
    expect(await agree()).toContain("running");
  });

  it("agree that an approval which does not verify releases nothing: a forged row, an edited one, a bare mark", async () => {
    // 2026-04-28 awaits review: a row written straight into the store (no signature) approves it, as a database
    // writer without the evidence key would; 2026-04-27's signed approval is edited to another reviewer; 2026-04-26's
    // cells are marked approved with no review behind them.
    const pending = await db.run.findFirstOrThrow({ where: { partitionKey: "2026-04-28", action: "scheduled" } });
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: pending.id } });
    await db.$executeRaw`INSERT INTO "Review" ("evidenceId", "reviewer", "decision", "createdAt") VALUES (${evidence.id}, 'nobody@example.com', 'approved', ${new Date()})`;
    const edited = await db.review.findFirstOrThrow({ where: { evidence: { partitionKey: "2026-04-27" } } });
    await db.review.update({ where: { id: edited.id }, data: { reviewer: "nobody@example.com" } });
    await db.$executeRaw`UPDATE "PartitionState" SET "review" = 'approved', "reviewId" = NULL WHERE "partitionKey" = '2026-04-26'`;
    const statuses = await agree();
    const cells = await partitionStatuses("2026-04-26" as PartitionKey, "2026-04-28" as PartitionKey);
    expect(new Set(cells.map((c) => c.status))).toEqual(new Set(["pending_review"]));
    expect(statuses).toContain("released"); // the other days' signed approvals still count
  });
});
