// One run's evidence, shaped for its evidence page (the queue is lib/views/evidence-queue.ts).
import { backfillPlanSchema, type BackfillPlan } from "@/contracts/backfill_plan";
import { runEvidenceSchema, type RunEvidence } from "@/contracts/run_evidence";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { partitionStatuses } from "@/lib/queries/partitions";

export interface Step {
  name: "planned" | "executed" | "checked" | "evidence" | "reviewed" | "released";
  done: boolean;
  detail: string;
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
  const plan: BackfillPlan | null = run.planId
    ? await db.plan.findUnique({ where: { id: run.planId } }).then((p) => (p ? backfillPlanSchema.parse(JSON.parse(p.document)) : null))
    : null;
  const evidence: RunEvidence | null = run.evidence ? runEvidenceSchema.parse(JSON.parse(run.evidence.document)) : null;
  const statuses = await partitionStatuses(run.partitionKey as PartitionKey, run.partitionKey as PartitionKey);
  const built = new Set(run.materializations.filter((m) => m.status === "succeeded").map((m) => m.assetKey));
  const review = run.evidence?.reviews[0] ?? null;
  const released = built.size > 0 && statuses.filter((s) => built.has(s.asset)).every((s) => s.status === "released") && review?.decision === "approved";
  const blockingFailed = run.checks.filter((c) => !c.passed && c.severity === "blocking").length;
  const steps: Step[] = [
    { name: "planned", done: run.planId !== null, detail: run.planId ? `plan ${run.planId}` : run.action === "scheduled" ? "scheduled run (no plan)" : "no plan" },
    { name: "executed", done: ["succeeded", "failed", "interrupted", "cancelled"].includes(run.status), detail: run.status },
    { name: "checked", done: run.checks.length > 0, detail: `${run.checks.length - run.checks.filter((c) => !c.passed).length}/${run.checks.length} passed${blockingFailed ? `, ${blockingFailed} blocking failed` : ""}` },
    { name: "evidence", done: run.evidence !== null, detail: run.evidence ? `sha256 ${run.evidence.sha256.slice(0, 12)}…` : "none" },
    { name: "reviewed", done: review !== null, detail: review ? `${review.decision} by ${review.reviewer}` : "awaiting a reviewer" },
    { name: "released", done: released, detail: released ? "downstream may consume it" : "held from week07/week08" },
  ];
  return { run, plan, evidence, statuses, steps, blockingFailed };
}
