// Four eyes on a plan that rewrites released partitions (policy blast_radius): someone other than its planner
// approves it, with a reason, before it executes. The approval names the plan's hash: a plan that drifted is a
// different plan and needs its own.
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { driftOf } from "@/lib/pipeline/plans";
import { getPlan } from "@/lib/queries/plans";

export type ApprovePlanResult = { ok: true; message: string } | Refused;

export async function approvePlan(planId: string, approver: string, reason: string | undefined): Promise<ApprovePlanResult> {
  const result = await approve(planId, approver, reason?.trim() ?? "");
  await audit({ actor: approver, action: "plan.approve", target: `plan ${planId}`, outcome: result.ok ? "ok" : "refused", detail: result.ok ? { reason } : { reason: result.message } });
  return result;
}

async function approve(planId: string, approver: string, reason: string): Promise<ApprovePlanResult> {
  const stored = await getPlan(planId);
  if (!stored) return refusal("not_found", `plan ${planId} does not exist`);
  const { plan } = stored;
  if (!plan.approval_required) return refusal("conflict", `plan ${planId} needs no second approval: it rewrites no released partition`);
  if (stored.status !== "planned") return refusal("conflict", `plan ${planId} was already ${stored.status}; there is nothing left to approve`);
  if (plan.operator === approver) return refusal("forbidden", `${approver} made plan ${planId} and may not approve it; another person must`);
  if (!reason) return refusal("invalid", "say why the rewrite is right (the approval is audited)");
  const drift = await driftOf(plan);
  if (drift) {
    await db.plan.updateMany({ where: { id: planId, status: "planned" }, data: { status: "drifted" } });
    return refusal("drifted", `plan ${planId} drifted: ${drift}; approve a fresh plan instead`);
  }
  const existing = await db.planApproval.findUnique({ where: { planHash: plan.plan_hash } });
  if (existing) return refusal("conflict", `plan ${planId} was already approved by ${existing.approvedBy}`);
  try {
    await db.planApproval.create({ data: { planId, planHash: plan.plan_hash, approvedBy: approver, reason } });
  } catch (e) {
    if (!(e instanceof Error && /Unique constraint|UNIQUE constraint|P2002/.test(`${e.message} ${(e as { code?: string }).code ?? ""}`))) throw e;
    return refusal("conflict", `plan ${planId} was approved meanwhile by someone else`);
  }
  return { ok: true, message: `plan ${planId} approved by ${approver}: it may execute` };
}

/** Who approved a plan, when it needed it. */
export async function planApprovalOf(planHash: string) {
  return db.planApproval.findUnique({ where: { planHash } });
}
