// The review queue and one run's evidence, shaped for the checks/evidence pages.
import { backfillPlanSchema, type BackfillPlan } from "@/contracts/backfill_plan";
import { runEvidenceSchema, type RunEvidence } from "@/contracts/run_evidence";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { partitionStatuses } from "@/lib/queries/partitions";

export type ReviewState = "awaiting review" | "approved" | "rejected" | "not reviewable" | "superseded";

export interface EvidenceRow {
  runId: number;
  evidenceId: number;
  partitionKey: string;
  action: string;
  operator: string;
  runStatus: string;
  checksPassed: number;
  checksFailed: number;
  warnings: number;
  createdAt: string;
  ageMinutes: number;
  state: ReviewState;
}

export async function evidenceRows(): Promise<EvidenceRow[]> {
  const [evidence, latestRuns] = await Promise.all([
    db.evidence.findMany({
      orderBy: { id: "desc" },
      select: {
        id: true,
        runId: true,
        partitionKey: true,
        createdAt: true,
        run: { select: { action: true, operator: true, status: true, checks: { select: { passed: true, severity: true } } } },
        reviews: { orderBy: { id: "desc" }, take: 1, select: { decision: true } },
      },
    }),
    // A run is superseded when a later run wrote one of the same (asset, partition)s.
    db.$queryRaw<{ runId: number }[]>`
      SELECT DISTINCT m."runId" AS runId FROM "Materialization" m
      JOIN (SELECT MAX("id") AS id FROM "Materialization" GROUP BY "assetKey", "partitionKey") latest ON latest.id = m."id"`,
  ]);
  const current = new Set(latestRuns.map((r) => Number(r.runId)));
  const now = Date.now();
  return evidence.map((e) => {
    const failed = e.run.checks.filter((c) => !c.passed && c.severity === "blocking").length;
    const review = e.reviews[0]?.decision;
    const state: ReviewState = review === "approved" ? "approved" : review === "rejected" ? "rejected" : !current.has(e.runId) ? "superseded" : e.run.status !== "succeeded" || failed > 0 ? "not reviewable" : "awaiting review";
    return {
      runId: e.runId,
      evidenceId: e.id,
      partitionKey: e.partitionKey,
      action: e.run.action,
      operator: e.run.operator,
      runStatus: e.run.status,
      checksPassed: e.run.checks.filter((c) => c.passed).length,
      checksFailed: failed,
      warnings: e.run.checks.filter((c) => !c.passed && c.severity === "warning").length,
      createdAt: e.createdAt.toISOString(),
      ageMinutes: Math.max(0, Math.round((now - e.createdAt.getTime()) / 60000)),
      state,
    };
  });
}

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
