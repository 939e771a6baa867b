// Every refusal of the review gate, one test each, with its exact message: removing a refusal from
// lib/pipeline/review.ts turns its test red. Bulk review is held to the same gate, run by run.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reviewEvidence, reviewMany } from "@/lib/pipeline/review";
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
    const [old, replacing] = [first.runIds[0]!, later.runIds[0]!];
    await refusedUnchanged(
      { evidenceId: (await evidenceOf(old)).id, reviewer: REVIEWER, decision: "approved" },
      { code: "conflict", message: `run ${old} was superseded by run ${replacing} on 2026-03-22; review that one` },
    );
    // Rejecting the superseded run is refused too: its rows are no longer what the partition holds.
    await refusedUnchanged(
      { evidenceId: (await evidenceOf(old)).id, reviewer: REVIEWER, decision: "rejected", reason: "old" },
      { code: "conflict", message: `run ${old} was superseded by run ${replacing} on 2026-03-22; review that one` },
    );
  });

  it("approving a run whose required check did not run, or did not pass", async () => {
    const { runIds } = await planAndExecute({ partition: "2026-03-23" });
    const runId = runIds[0]!;
    const evidence = await evidenceOf(runId);
    // A required check stored as a failed warning (a policy may require a warning check) does not pass.
    await db.checkResult.updateMany({
      where: { runId, name: "priority_valid" },
      data: { severity: "warning", passed: false },
    });
    await refusedUnchanged(
      { evidenceId: evidence.id, reviewer: REVIEWER, decision: "approved" },
      {
        code: "conflict",
        message: `policy rule required_checks.backfill: priority_valid did not pass in run ${runId}; it cannot be approved`,
      },
    );
    await db.checkResult.deleteMany({ where: { runId, name: "guard_unique" } });
    await refusedUnchanged(
      { evidenceId: evidence.id, reviewer: REVIEWER, decision: "approved" },
      {
        code: "conflict",
        message: `policy rule required_checks.backfill: guard_unique did not run in run ${runId}; it cannot be approved`,
      },
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
        message: `run ${windowRun} was superseded by run ${rerunRun} on 2026-03-24; review that one`,
      },
      { runId: 999_999, partitionKey: null, message: "run 999999 has no evidence" },
    ]);
    expect(await db.auditEvent.count({ where: { action: "review.approved" } })).toBe(auditBefore + 4);
    const approved = await db.review.findFirstOrThrow({ where: { evidence: { runId: rerunRun } } });
    expect(approved).toMatchObject({ reviewer: REVIEWER, decision: "approved", reason: "window checked" });
  });
});
