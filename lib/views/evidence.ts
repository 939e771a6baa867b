// One run's evidence, shaped for its evidence page (the queue is lib/views/evidence-queue.ts). Whether what it
// built is released comes from the downstream gate itself (lib/read-model/consumption.ts), as the API answers it.
import type { BackfillPlan } from "@/lib/domain/plan-document";
import type { RunEvidence } from "@/contracts/run_evidence";
import { db } from "@/lib/db";
import { RAW_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { decisionVerifies } from "@/lib/read-model/approvals";
import { gateReason, releaseGate } from "@/lib/read-model/consumption";
import { partitionStatuses } from "@/lib/read-model/partitions";
import { supersession } from "@/lib/read-model/supersession";
import { text, type Text } from "@/lib/i18n/text";
import { evidenceDocument, planDocument, planTexts, rowDiff } from "@/lib/store-json";
import { isRunStatus } from "@/lib/domain/backfill";

/** Assets whose rows live in a table, so a rewrite is compared with what it replaced ticket by ticket. */
const ROW_ASSETS: readonly string[] = [RAW_ASSET, SILVER_ASSET];

export interface Step {
  name: "planned" | "executed" | "checked" | "evidence" | "reviewed" | "released";
  /** done; current: what is needed next; stopped: where the way to release ended; todo: not reached. */
  state: "done" | "current" | "stopped" | "todo";
  detail: Text;
}

export async function evidenceDetail(runId: number) {
  const run = await db.run.findUnique({
    where: { id: runId },
    include: {
      checks: { orderBy: [{ passed: "asc" }, { id: "asc" }] },
      evidence: { include: { reviews: { orderBy: { id: "desc" } } } },
      materializations: { orderBy: { id: "asc" } },
    },
  });
  if (!run) return null;
  const stored = run.planId ? await db.plan.findUnique({ where: { id: run.planId } }) : null;
  const plan: BackfillPlan | null = stored ? planDocument(stored.document) : null;
  const planSaid = stored ? planTexts(stored.texts) : null;
  const evidence: RunEvidence | null = run.evidence ? evidenceDocument(run.evidence.document) : null;
  const key = run.partitionKey as PartitionKey;
  const [statuses, [gate], superseded, earlier] = await Promise.all([
    partitionStatuses(key, key),
    releaseGate(key, key),
    supersession([run.id]),
    // The build each asset of this run replaced, if any: "what changed" says "first build" only when there was none.
    db.$queryRaw<{ assetKey: string; runId: number | bigint }[]>`
      SELECT m."assetKey" AS "assetKey", MAX(p."runId") AS "runId"
      FROM "Materialization" m
      JOIN "Materialization" p ON p."assetKey" = m."assetKey" AND p."partitionKey" = m."partitionKey" AND p."id" < m."id"
        AND p."runId" <> m."runId" AND p."status" = 'succeeded'
      WHERE m."runId" = ${run.id}
      GROUP BY m."assetKey"`,
  ]);
  const earlierBuild = new Map(earlier.map((e) => [e.assetKey, Number(e.runId)]));
  // A recorded decision counts only when its signature verifies (lib/read-model/approvals.ts).
  const recorded = run.evidence?.reviews[0] ?? null;
  const review = recorded && run.evidence && decisionVerifies(recorded, run.evidence) ? recorded : null;
  const unsignedReview = recorded && !review ? recorded : null;
  const supersededBy = superseded.get(run.id) ?? null;
  // Released: this run's approval is the one the downstream gate rests on now.
  const released = review?.decision === "approved" && !supersededBy && gate!.consumable;
  const blockingFailed = run.checks.filter((c) => !c.passed && c.severity === "blocking").length;
  const warnings = run.checks.filter((c) => !c.passed && c.severity === "warning");
  const finished = ["succeeded", "failed", "interrupted", "cancelled"].includes(run.status);
  // Where the way from plan to release stands: each step done, the one needed next, or where it stopped.
  const passed = run.checks.length - run.checks.filter((c) => !c.passed).length;
  const runStatus = isRunStatus(run.status) ? text(`runStatus.${run.status}`) : text("evidenceSteps.none");
  const reached: [Step["name"], boolean, boolean, Text][] = [
    [
      "planned",
      true,
      false,
      run.planId
        ? text("evidenceSteps.plan", { id: run.planId })
        : text(run.action === "scheduled" ? "evidenceSteps.scheduled" : "evidenceSteps.noPlan"),
    ],
    ["executed", run.status === "succeeded", finished && run.status !== "succeeded", runStatus],
    [
      "checked",
      run.checks.length > 0 && blockingFailed === 0,
      blockingFailed > 0,
      text(blockingFailed ? "evidenceSteps.checksBlocking" : "evidenceSteps.checks", {
        passed,
        total: run.checks.length,
        blocking: blockingFailed,
      }),
    ],
    [
      "evidence",
      run.evidence !== null,
      finished && run.evidence === null,
      run.evidence ? text("evidenceSteps.sha", { sha: run.evidence.sha256.slice(0, 12) }) : text("evidenceSteps.none"),
    ],
    [
      "reviewed",
      review?.decision === "approved",
      review?.decision === "rejected" || (!review && supersededBy !== null),
      review
        ? text("evidenceSteps.decided", {
            decision: text(review.decision === "approved" ? "reviewState.approved" : "reviewState.rejected"),
            reviewer: review.reviewer,
          })
        : supersededBy
          ? text("evidenceSteps.superseded", { runId: supersededBy.newer })
          : unsignedReview
            ? text("evidenceSteps.unsigned")
            : text("evidenceSteps.awaiting"),
    ],
    [
      "released",
      released,
      false,
      released
        ? text("evidenceSteps.mayConsume")
        : supersededBy
          ? text("evidenceSteps.heldSuperseded", { runId: supersededBy.latest })
          : gate!.consumable
            ? text("evidenceSteps.held")
            : // Short in the stepper; the whole reason is the page's "Downstream" line (both from the gate).
              text("evidenceSteps.heldBecause", { status: gate!.status }),
    ],
  ];
  let blocked = false;
  let next = false;
  const steps: Step[] = reached.map(([name, done, stopped, detail]) => {
    if (blocked) return { name, state: "todo", detail };
    if (stopped) {
      blocked = true;
      return { name, state: "stopped", detail };
    }
    if (done) return { name, state: "done", detail };
    if (!next) {
      next = true;
      return { name, state: "current", detail };
    }
    return { name, state: "todo", detail };
  });
  // What the run changed, for the reviewer's summary: rows before and after each asset step that succeeded, and,
  // where no ticket-by-ticket diff exists, why not.
  const changes = run.materializations
    .filter((m) => m.status === "succeeded" || m.status === "reverted")
    .map((m) => {
      const replaced = earlierBuild.get(m.assetKey) ?? null;
      return {
        asset: m.assetKey,
        before: m.rowsBefore,
        after: m.rowsAfter,
        status: m.status,
        diff: m.diff ? rowDiff(m.diff) : null,
        noDiff: m.diff
          ? null
          : m.status === "reverted"
            ? text("evidencePage.noDiffUndone")
            : replaced === null
              ? text("evidencePage.noDiffFirst")
              : ROW_ASSETS.includes(m.assetKey)
                ? text("evidencePage.noDiffEmpty", { runId: replaced })
                : text("evidencePage.noDiffFile", {
                    runId: replaced,
                    before: m.rowsBefore ?? 0,
                    after: m.rowsAfter ?? 0,
                  }),
      };
    });
  return {
    run,
    plan,
    planSaid,
    evidence,
    statuses,
    steps,
    blockingFailed,
    warnings,
    changes,
    gate: gate!,
    /** What the downstream gate answers for the partition now, in a sentence. */
    downstream: gateReason(gate!),
    review,
    unsignedReview,
    supersededBy,
  };
}

/** What the downstream gate answers for a partition, for a page's sentence: consumable, and why (or why not). */
export async function downstreamOf(key: PartitionKey): Promise<{ consumable: boolean; why: Text }> {
  const [gate] = await releaseGate(key, key);
  return { consumable: gate!.consumable, why: gateReason(gate!) };
}
