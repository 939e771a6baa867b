"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { planRequestSchema } from "@/contracts/backfill_plan";
import { authorize } from "@/lib/auth/session";
import { z } from "zod";
import type { ActionState } from "@/components/action-button";
import type { PlanFormState } from "@/components/plan-form";
import { executePlan } from "@/lib/engine/execute-plan";
import { createPlan } from "@/lib/pipeline/plans";
import { approvePlan } from "@/lib/pipeline/plan-approval";
import { planApprovalRequestSchema } from "@/contracts/review";
import { parseForm, sayOutcome } from "@/lib/i18n/server";

/** "Plan backfill" / "Plan recovery" / "Plan window": validate → authorize → plan → open the plan. */
export async function planAction(_prev: PlanFormState, formData: FormData): Promise<PlanFormState> {
  const parsed = await parseForm(planRequestSchema, Object.fromEntries(formData));
  if (!parsed.ok) return { message: parsed.message };
  const target = parsed.data.partition ?? `${parsed.data.from ?? "?"}..${parsed.data.to ?? "?"}`;
  const auth = await authorize("plan", target);
  if (!auth.ok) return { message: await sayOutcome(auth) };
  const result = await createPlan(parsed.data, auth.user.email);
  if (!result.ok) return { message: await sayOutcome(result) };
  revalidatePath("/plans");
  redirect(`/plans/${result.plan.plan_id}`);
}

const planIdSchema = z.object({
  planId: z.string().regex(/^[0-9a-f]{16}$/, "actions.notAPlanId"),
  confirmWithdraw: z.enum(["yes"]).optional(),
});

/** "Execute this plan": validate → authorize → execute exactly the stored plan (a backfill queued for the workers). */
export async function executePlanAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = await parseForm(planIdSchema, Object.fromEntries(formData));
  if (!parsed.ok) return { message: parsed.message };
  const auth = await authorize("execute", `plan ${parsed.data.planId}`);
  if (!auth.ok) return { message: await sayOutcome(auth) };
  const result = await executePlan(parsed.data.planId, auth.user.email, {
    confirmWithdraw: parsed.data.confirmWithdraw === "yes",
    origin: "ui",
  });
  if (!result.ok) {
    // A drifted plan flips to "drifted" in place, with its re-plan button.
    revalidatePath(`/plans/${parsed.data.planId}`);
    return { message: await sayOutcome(result), drifted: result.drifted };
  }
  revalidatePath(`/plans/${parsed.data.planId}`);
  revalidatePath("/backfills");
  redirect(`/backfills/${result.backfillId}`);
}

/** "Approve this plan" (four eyes): validate → authorize → approve (the planner is refused there) → redraw the plan. */
export async function approvePlanAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const id = await parseForm(planIdSchema.pick({ planId: true }), Object.fromEntries(formData));
  if (!id.ok) return { message: id.message };
  const parsed = await parseForm(planApprovalRequestSchema, { reason: formData.get("reason") ?? "" });
  if (!parsed.ok) return { message: parsed.message, ok: false };
  const auth = await authorize("approve_plan", `plan ${id.data.planId}`);
  if (!auth.ok) return { message: await sayOutcome(auth), ok: false };
  const result = await approvePlan(id.data.planId, auth.user.email, parsed.data.reason);
  revalidatePath(`/plans/${id.data.planId}`);
  return result.ok
    ? { ok: true, message: await sayOutcome(result) }
    : { ok: false, message: await sayOutcome(result), drifted: result.code === "drifted" };
}
