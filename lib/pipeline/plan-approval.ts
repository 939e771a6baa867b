// Four eyes on a plan that rewrites released partitions (policy blast_radius): someone other than its planner
// approves it, with a reason, before it executes. The approval names the plan's hash: a plan that drifted is a
// different plan and needs its own. A re-execution of a backfill's failed or cancelled partitions carries the
// approval of the plan that backfill executed when it asks nothing new (lib/domain/plan-approval.ts says when).
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { approvalCarriesOver } from "@/lib/domain/plan-approval";
import type { BackfillPlan } from "@/lib/domain/plan-document";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { driftOf } from "@/lib/pipeline/plans";
import { getPlan } from "@/lib/read-model/plans";
import { text, told, type Text } from "@/lib/i18n/text";

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
  const { approval: existing } = await approvalOf(plan);
  if (existing?.carriedFrom)
    return refusal("conflict", "planApproval.alreadyCarried", {
      planId,
      approver: existing.approvedBy,
      fromPlanId: existing.carriedFrom,
    });
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

export interface GivenApproval {
  approvedBy: string;
  reason: string;
  createdAt: Date;
  /** The plan whose approval this is, when it was carried over to a re-execution; null for the plan's own. */
  carriedFrom: string | null;
}

/** How many re-executions of re-executions an approval is followed back through (each is a smaller plan). */
const MAX_CARRY = 8;

/**
 * The second approval in force for a plan: its own, or — for a re-execution of a backfill — the approval of the plan
 * that backfill executed, when it carries over (`notCarried` says why it does not). Followed back through
 * re-executions of re-executions: each carries from the one before it, so each is a subset of the first.
 */
export async function approvalOf(
  plan: BackfillPlan,
  depth = 0,
): Promise<{ approval: GivenApproval | null; notCarried: Text | null }> {
  const own = await db.planApproval.findUnique({ where: { planHash: plan.plan_hash } });
  if (own) return { approval: { ...own, carriedFrom: null }, notCarried: null };
  const none = { approval: null, notCarried: null };
  if (plan.reexecutes_backfill_id === null || depth >= MAX_CARRY) return none;
  const backfill = await db.backfill.findUnique({
    where: { id: plan.reexecutes_backfill_id },
    select: { planId: true },
  });
  const executed = backfill ? await getPlan(backfill.planId) : null;
  if (!executed?.plan.approval_required) return none;
  const { approval } = await approvalOf(executed.plan, depth + 1);
  if (!approval) return none;
  const why = approvalCarriesOver(plan, executed.plan, approval.approvedBy);
  return why
    ? { approval: null, notCarried: text("planApproval.carry.notCarried", { planId: executed.plan.plan_id, why }) }
    : { approval: { ...approval, carriedFrom: executed.plan.plan_id }, notCarried: null };
}
