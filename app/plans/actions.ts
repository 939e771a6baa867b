"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { planRequestSchema } from "@/contracts/backfill_plan";
import { authorize } from "@/lib/auth/session";
import { z } from "zod";
import type { ActionState } from "@/components/action-button";
import { executePlan } from "@/lib/engine/execute-plan";
import { createPlan } from "@/lib/pipeline/plans";
import { approvePlan } from "@/lib/pipeline/plan-approval";
import { planApprovalRequestSchema } from "@/contracts/review";

export interface PlanFormState {
  message?: string;
}

/** "Plan backfill" / "Plan recovery" / "Plan window": validate → authorize → plan → open the plan. */
export async function planAction(_prev: PlanFormState, formData: FormData): Promise<PlanFormState> {
  const parsed = planRequestSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { message: parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ") };
  const target = parsed.data.partition ?? `${parsed.data.from ?? "?"}..${parsed.data.to ?? "?"}`;
  const auth = await authorize("plan", target);
  if (!auth.ok) return { message: auth.message };
  const result = await createPlan(parsed.data, auth.user.email);
  if (!result.ok) return { message: result.message };
  revalidatePath("/plans");
  redirect(`/plans/${result.plan.plan_id}`);
}

const planIdSchema = z.object({ planId: z.string().regex(/^[0-9a-f]{16}$/, "not a plan id"), confirmWithdraw: z.enum(["yes"]).optional() });

/** "Execute this plan": validate → authorize → execute exactly the stored plan (a backfill queued for the workers). */
export async function executePlanAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = planIdSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { message: parsed.error.issues[0]!.message };
  const auth = await authorize("execute", `plan ${parsed.data.planId}`);
  if (!auth.ok) return { message: auth.message };
  const result = await executePlan(parsed.data.planId, auth.user.email, { confirmWithdraw: parsed.data.confirmWithdraw === "yes", origin: "ui" });
  if (!result.ok) {
    // A drifted plan flips to "drifted" in place, with its re-plan button.
    revalidatePath(`/plans/${parsed.data.planId}`);
    return { message: result.message, drifted: result.drifted };
  }
  revalidatePath(`/plans/${parsed.data.planId}`);
  revalidatePath("/backfills");
  redirect(`/backfills/${result.backfillId}`);
}

/** "Approve this plan" (four eyes): validate → authorize → approve (the planner is refused there) → redraw the plan. */
export async function approvePlanAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const id = planIdSchema.pick({ planId: true }).safeParse(Object.fromEntries(formData));
  if (!id.success) return { message: id.error.issues[0]!.message };
  const parsed = planApprovalRequestSchema.safeParse({ reason: formData.get("reason") ?? "" });
  if (!parsed.success) return { message: parsed.error.issues[0]!.message, ok: false };
  const auth = await authorize("approve_plan", `plan ${id.data.planId}`);
  if (!auth.ok) return { message: auth.message, ok: false };
  const result = await approvePlan(id.data.planId, auth.user.email, parsed.data.reason);
  revalidatePath(`/plans/${id.data.planId}`);
  return result.ok ? { ok: true, message: result.message } : { ok: false, message: result.message, drifted: result.code === "drifted" };
}
