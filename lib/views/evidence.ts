// One run's evidence, shaped for its evidence page (the queue is lib/views/evidence-queue.ts).
import type { BackfillPlan } from "@/lib/domain/plan-document";
import type { RunEvidence } from "@/contracts/run_evidence";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { partitionStatuses } from "@/lib/read-model/partitions";
import { text, type Text } from "@/lib/i18n/text";
import { evidenceDocument, planDocument, planTexts, rowDiff } from "@/lib/store-json";
import { isRunStatus } from "@/lib/domain/backfill";

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
  const statuses = await partitionStatuses(run.partitionKey as PartitionKey, run.partitionKey as PartitionKey);
  const built = new Set(run.materializations.filter((m) => m.status === "succeeded").map((m) => m.assetKey));
  const review = run.evidence?.reviews[0] ?? null;
  const released =
    built.size > 0 &&
    statuses.filter((s) => built.has(s.asset)).every((s) => s.status === "released") &&
    review?.decision === "approved";
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
      review?.decision === "rejected",
      review
        ? text("evidenceSteps.decided", {
            decision: text(review.decision === "approved" ? "reviewState.approved" : "reviewState.rejected"),
            reviewer: review.reviewer,
          })
        : text("evidenceSteps.awaiting"),
    ],
    ["released", released, false, text(released ? "evidenceSteps.mayConsume" : "evidenceSteps.held")],
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
  // What the run changed, for the reviewer's summary: rows before and after each asset step that succeeded.
  const changes = run.materializations
    .filter((m) => m.status === "succeeded" || m.status === "reverted")
    .map((m) => ({
      asset: m.assetKey,
      before: m.rowsBefore,
      after: m.rowsAfter,
      status: m.status,
      diff: m.diff ? rowDiff(m.diff) : null,
    }));
  return { run, plan, planSaid, evidence, statuses, steps, blockingFailed, warnings, changes };
}
