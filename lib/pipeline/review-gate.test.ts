// Every refusal of the review gate, one test each, with its exact message: removing a refusal from
// lib/pipeline/review.ts turns its test red. Bulk review is held to the same gate, run by run. The gate decides from
// what a database writer without the evidence key cannot forge: signed decisions, and the evidence document (its MAC),
// never the Run and CheckResult rows a writer can edit.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { recordEvidence } from "@/lib/pipeline/evidence";
import { reviewEvidence, reviewMany } from "@/lib/pipeline/review";
import { consumption } from "@/lib/read-model/consumption";
import { partitionStatuses } from "@/lib/read-model/partitions";
import { planAndExecute, useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

const REVIEWER = "reviewer@example.com";

/** What a refused review must leave untouched. */
async function storeState() {
  const [reviews, released, quarantined] = await Promise.all([
    db.review.count(),
    db.review.count({ where: { decision: "approved" } }),
    db.review.count({ where: { decision: "rejected" } }),
  ]);
  return { reviews, released, quarantined };
}

async function evidenceOf(runId: number) {
  return db.evidence.findUniqueOrThrow({ where: { runId } });
}

async function refusedUnchanged(
  input: Parameters<typeof reviewEvidence>[0],
  expected: { code: string; message: string },
) {
  const before = await storeState();
  expect(await reviewEvidence(input)).toMatchObject({ ok: false, ...expected });
  expect(await storeState()).toEqual(before);
  expect(
    await db.auditEvent.findFirst({ where: { action: `review.${input.decision}` }, orderBy: { id: "desc" } }),
  ).toMatchObject({ actor: input.reviewer, outcome: "refused" });
}

describe("the review gate refuses", () => {
  it("evidence that does not exist", async () => {
    await refusedUnchanged(
      { evidenceId: 999_999, reviewer: REVIEWER, decision: "approved" },
      { code: "not_found", message: "evidence 999999 does not exist" },
    );
  });

  it("a second decision on evidence already reviewed", async () => {
    const run = await db.run.findFirstOrThrow({ where: { partitionKey: "2026-04-28", action: "scheduled" } });
    const evidence = await evidenceOf(run.id);
    expect(await reviewEvidence({ evidenceId: evidence.id, reviewer: REVIEWER, decision: "approved" })).toMatchObject({
      ok: true,
    });
    await refusedUnchanged(
      { evidenceId: evidence.id, reviewer: "lead@example.com", decision: "rejected", reason: "second opinion" },
      { code: "conflict", message: `evidence ${evidence.id} was already approved by ${REVIEWER}` },
    );
  });

  it("approving a run that did not succeed", async () => {
    const failed = await db.run.findFirstOrThrow({ where: { partitionKey: "2026-04-03", status: "failed" } });
    await refusedUnchanged(
      { evidenceId: (await evidenceOf(failed.id)).id, reviewer: REVIEWER, decision: "approved" },
      { code: "conflict", message: `run ${failed.id} failed; only a succeeded run can be approved` },
    );
  });

  it("approving a run a later run superseded: it would release rows another, unreviewed run wrote", async () => {
    const first = await planAndExecute({ partition: "2026-03-22" });
    const later = await planAndExecute({ partition: "2026-03-22", action: "rerun" });
    // Released, then rewritten again: the chain old → later → last.
    const laterEvidence = await evidenceOf(later.runIds[0]!);
    expect(
      await reviewEvidence({ evidenceId: laterEvidence.id, reviewer: REVIEWER, decision: "approved" }),
    ).toMatchObject({ ok: true });
    const last = await planAndExecute({ partition: "2026-03-22", action: "rerun" });
    const [old, replacing, latest] = [first.runIds[0]!, later.runIds[0]!, last.runIds[0]!];
    // The refusal names the run that replaced it and the end of the chain: the one to review.
    const message = `run ${old} was superseded by run ${replacing} on 2026-03-22; review the latest run that rewrote it, run ${latest}`;
    await refusedUnchanged(
      { evidenceId: (await evidenceOf(old)).id, reviewer: REVIEWER, decision: "approved" },
      { code: "conflict", message },
    );
    // Rejecting the superseded run is refused too: its rows are no longer what the partition holds.
    await refusedUnchanged(
      { evidenceId: (await evidenceOf(old)).id, reviewer: REVIEWER, decision: "rejected", reason: "old" },
      { code: "conflict", message },
    );
  });

  it("approving a run whose evidence records a required check that did not pass, or did not run", async () => {
    const { runIds } = await planAndExecute({ partition: "2026-03-23" });
    const runId = runIds[0]!;
    const evidence = await evidenceOf(runId);
    const outcome = { status: "succeeded" as const, error: null, finishedAt: new Date() };
    // The run's checks as its evidence records them (written again here, with the key, as a run would have):
    // a required check recorded as a failed warning (a policy may require a warning check) does not pass…
    await db.checkResult.updateMany({
      where: { runId, name: "priority_valid" },
      data: { severity: "warning", passed: false },
    });
    await recordEvidence(runId, outcome);
    await refusedUnchanged(
      { evidenceId: evidence.id, reviewer: REVIEWER, decision: "approved" },
      {
        code: "conflict",
        message: `policy rule required_checks.backfill: priority_valid did not pass in run ${runId}; it cannot be approved`,
      },
    );
    // …and one the evidence does not record did not run.
    await db.checkResult.deleteMany({ where: { runId, name: "guard_unique" } });
    await recordEvidence(runId, outcome);
    await refusedUnchanged(
      { evidenceId: evidence.id, reviewer: REVIEWER, decision: "approved" },
      {
        code: "conflict",
        message: `policy rule required_checks.backfill: guard_unique did not run in run ${runId}; it cannot be approved`,
      },
    );
  });
});

describe("what a database writer without the evidence key changes", () => {
  const key = "2026-04-26" as PartitionKey;
  const silver = async (k: PartitionKey) =>
    (await partitionStatuses(k, k)).find((c) => c.asset === "week06/silver/ticket_fact_partitioned")!.status;

  it("a Review row written into the store approves nothing; a reviewer's signed decision then takes its place", async () => {
    const rerun = await planAndExecute({ partition: key, action: "rerun" });
    const run = { id: rerun.runIds[0]! };
    const evidence = await evidenceOf(run.id);
    await db.$executeRaw`INSERT INTO "Review" ("evidenceId", "reviewer", "decision", "createdAt") VALUES (${evidence.id}, 'nobody@example.com', 'approved', ${new Date()})`;
    expect(await consumption(key, "week07")).toEqual({
      partition_key: key,
      consumer: "week07",
      consumable: false,
      reason: `held: silver is pending_review (built and checked; waiting for a reviewer); the approval recorded for evidence ${evidence.id} (by nobody@example.com) does not verify: it is no decision`,
      evidence_id: evidence.id,
    });
    expect(await silver(key)).toBe("pending_review");
    // A signature copied from another decision does not verify either: it signs other fields.
    const other = await db.review.findFirstOrThrow({ where: { decision: "approved", signature: { not: null } } });
    await db.review.updateMany({ where: { evidenceId: evidence.id }, data: { signature: other.signature } });
    expect((await consumption(key, "week07")).consumable).toBe(false);

    const forged = await db.review.findFirstOrThrow({ where: { evidenceId: evidence.id } });
    const decided = await reviewEvidence({ evidenceId: evidence.id, reviewer: REVIEWER, decision: "approved" });
    expect(decided).toMatchObject({ ok: true });
    expect(await db.review.findMany({ where: { evidenceId: evidence.id } })).toEqual([
      expect.objectContaining({ reviewer: REVIEWER, decision: "approved", signature: expect.stringMatching(/^v1:/) }),
    ]);
    expect(await consumption(key, "week07")).toMatchObject({
      consumable: true,
      reason: `released: evidence ${evidence.id} of run ${run.id} approved by ${REVIEWER}`,
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "review.approved" },
      orderBy: { id: "desc" },
    });
    expect(JSON.parse(audit.detail)).toMatchObject({
      replacedUnsignedReview: { id: forged.id, reviewer: "nobody@example.com", decision: "approved" },
    });
  });

  it("an edited approval (its reviewer, its decision, or the cell's mark) releases nothing", async () => {
    const released = "2026-04-27" as PartitionKey;
    expect((await consumption(released, "week07")).consumable).toBe(true);
    const review = await db.review.findFirstOrThrow({ where: { evidence: { partitionKey: released } } });
    await db.review.update({ where: { id: review.id }, data: { reviewer: "lead@example.com" } });
    expect((await consumption(released, "week07")).consumable).toBe(false);
    await db.review.update({ where: { id: review.id }, data: { reviewer: review.reviewer } });
    expect((await consumption(released, "week07")).consumable).toBe(true);
    // A rejection turned into an approval, the cell's projection edited to match.
    const rejectedRun = await planAndExecute({ partition: "2026-04-24", action: "rerun" });
    const rejected = await evidenceOf(rejectedRun.runIds[0]!);
    expect(
      await reviewEvidence({ evidenceId: rejected.id, reviewer: REVIEWER, decision: "rejected", reason: "wrong" }),
    ).toMatchObject({ ok: true });
    await db.review.updateMany({ where: { evidenceId: rejected.id }, data: { decision: "approved" } });
    await db.$executeRaw`UPDATE "PartitionState" SET "review" = 'approved' WHERE "partitionKey" = '2026-04-24'`;
    expect(await consumption("2026-04-24" as PartitionKey, "week07")).toMatchObject({ consumable: false });
    expect(await silver("2026-04-24" as PartitionKey)).toBe("pending_review");
    // A cell pointed at another run's signed approval.
    await db.$executeRaw`UPDATE "PartitionState" SET "reviewId" = ${review.id} WHERE "partitionKey" = '2026-04-24'`;
    expect(await silver("2026-04-24" as PartitionKey)).toBe("pending_review");
  });

  it("an edited Run.operator does not let a run's operator approve it: the evidence says who started it", async () => {
    const { runIds } = await planAndExecute({ partition: "2026-04-25", action: "rerun" }, "lead@example.com");
    await db.run.update({ where: { id: runIds[0]! }, data: { operator: "someone-else@example.com" } });
    await refusedUnchanged(
      { evidenceId: (await evidenceOf(runIds[0]!)).id, reviewer: "lead@example.com", decision: "approved" },
      {
        code: "forbidden",
        message: `lead@example.com started run ${runIds[0]} and may not approve its evidence; another reviewer must`,
      },
    );
  });

  it("an edited CheckResult.passed does not make a run with a failed blocking check approvable", async () => {
    const corrupted = await db.run.findFirstOrThrow({
      where: { partitionKey: "2026-04-09", action: "drill" },
      orderBy: { id: "desc" },
    });
    await db.checkResult.updateMany({ where: { runId: corrupted.id }, data: { passed: true } });
    await db.$executeRaw`UPDATE "PartitionState" SET "blockingFailed" = false WHERE "partitionKey" = '2026-04-09'`;
    await refusedUnchanged(
      { evidenceId: (await evidenceOf(corrupted.id)).id, reviewer: REVIEWER, decision: "approved" },
      { code: "conflict", message: `run ${corrupted.id} has 1 failed blocking check; it cannot be approved` },
    );
  });
});

describe("bulk review", () => {
  it("judges each run as alone: own runs, superseded, failed and unknown runs are listed with why; one audit line per run", async () => {
    const window = await planAndExecute(
      { from: "2026-03-24", to: "2026-03-26", reprocess: "missing" },
      "lead@example.com",
    );
    expect(window.runIds).toHaveLength(1); // 03-22 and 03-23 were built above; 03-24 is the window's only hole
    const [windowRun] = window.runIds;
    const replaced = await planAndExecute({ partition: "2026-03-24", action: "rerun" }, "lead@example.com");
    const rerunRun = replaced.runIds[0]!;
    const failed = await db.run.findFirstOrThrow({ where: { partitionKey: "2026-04-03", status: "failed" } });

    const lead = await reviewMany({ runIds: [rerunRun], reviewer: "lead@example.com", decision: "approved" });
    expect(lead).toMatchObject({
      decision: "approved",
      reviewed: [],
      refused: [
        {
          runId: rerunRun,
          partitionKey: "2026-03-24",
          message: `lead@example.com started run ${rerunRun} and may not approve its evidence; another reviewer must`,
        },
      ],
    });

    const auditBefore = await db.auditEvent.count({ where: { action: "review.approved" } });
    const result = await reviewMany({
      runIds: [windowRun!, rerunRun, failed.id, 999_999],
      reviewer: REVIEWER,
      decision: "approved",
      reason: "window checked",
    });
    expect(result.reviewed).toEqual([{ runId: rerunRun, partitionKey: "2026-03-24" }]);
    expect(result.refused.map(({ runId, partitionKey, message }) => ({ runId, partitionKey, message }))).toEqual([
      {
        runId: failed.id,
        partitionKey: "2026-04-03",
        message: `run ${failed.id} failed; only a succeeded run can be approved`,
      },
      {
        runId: windowRun,
        partitionKey: "2026-03-24",
        message: `run ${windowRun} was superseded by run ${rerunRun} on 2026-03-24; review the latest run that rewrote it, run ${rerunRun}`,
      },
      { runId: 999_999, partitionKey: null, message: "run 999999 has no evidence" },
    ]);
    expect(await db.auditEvent.count({ where: { action: "review.approved" } })).toBe(auditBefore + 4);
    const approved = await db.review.findFirstOrThrow({ where: { evidence: { runId: rerunRun } } });
    expect(approved).toMatchObject({ reviewer: REVIEWER, decision: "approved", reason: "window checked" });
  });
});
