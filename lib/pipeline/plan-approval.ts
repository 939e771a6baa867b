// Four eyes on a plan that rewrites released partitions (policy blast_radius): someone other than its planner
// approves it, with a reason, before it executes. The approval names the plan's hash: a plan that drifted is a
// different plan and needs its own.
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { driftOf } from "@/lib/pipeline/plans";
import { getPlan } from "@/lib/read-model/plans";
import { told, type Text } from "@/lib/i18n/text";

export type ApprovePlanResult = { ok: true; message: string; text: Text } | Refused;

export async function approvePlan(
  planId: string,
  approver: string,
  reason: string | undefined,
): Promise<ApprovePlanResult> {
  const result = await approve(planId, approver, reason?.trim() ?? "");
  await audit({
    actor: approver,
    action: "plan.approve",
    target: `plan ${planId}`,
    outcome: result.ok ? "ok" : "refused",
    detail: result.ok ? { reason } : { reason: result.text },
  });
  return result;
}

async function approve(planId: string, approver: string, reason: string): Promise<ApprovePlanResult> {
  const stored = await getPlan(planId);
  if (!stored) return refusal("not_found", "engine.planNotFound", { planId });
  const { plan } = stored;
  if (!plan.approval_required) return refusal("conflict", "planApproval.needsNone", { planId });
  if (stored.status !== "planned")
    return refusal("conflict", "planApproval.alreadyStatus", { planId, status: stored.status });
  if (plan.operator === approver) return refusal("forbidden", "planApproval.ownPlan", { planId, approver });
  if (!reason) return refusal("invalid", "planApproval.reasonRequired");
  const drift = await driftOf(plan);
  if (drift) {
    await db.plan.updateMany({ where: { id: planId, status: "planned" }, data: { status: "drifted" } });
    return refusal("drifted", "planApproval.drifted", { planId, drift });
  }
  const existing = await db.planApproval.findUnique({ where: { planHash: plan.plan_hash } });
  if (existing) return refusal("conflict", "planApproval.alreadyApproved", { planId, approver: existing.approvedBy });
  try {
    await db.planApproval.create({ data: { planId, planHash: plan.plan_hash, approvedBy: approver, reason } });
  } catch (e) {
    if (!(
      e instanceof Error &&
      /Unique constraint|UNIQUE constraint|P2002/.test(`${e.message} ${(e as { code?: string }).code ?? ""}`)
    ))
      throw e;
    return refusal("conflict", "planApproval.approvedMeanwhile", { planId });
  }
  return { ok: true, ...told("planApproval.approved", { planId, approver }) };
}

/** Who approved a plan, when it needed it. */
export async function planApprovalOf(planHash: string) {
  return db.planApproval.findUnique({ where: { planHash } });
}
