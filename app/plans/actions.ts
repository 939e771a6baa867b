"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { planRequestSchema } from "@/contracts/backfill_plan";
import { authorize } from "@/lib/auth/session";
import { z } from "zod";
import { cancelRun, executePlan } from "@/lib/pipeline/execute";
import { createPlan } from "@/lib/pipeline/plans";
import { kickRunner } from "@/lib/pipeline/runner";

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

const planIdSchema = z.object({ planId: z.string().regex(/^[0-9a-f]{16}$/, "not a plan id") });
const runIdSchema = z.object({ runId: z.coerce.number().int().positive("not a run id") });

export interface ExecuteFormState {
  message?: string;
  drifted?: boolean;
}

/** "Execute this plan": validate → authorize → execute exactly the stored plan (queued for the runner). */
export async function executePlanAction(_prev: ExecuteFormState, formData: FormData): Promise<ExecuteFormState> {
  const parsed = planIdSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { message: parsed.error.issues[0]!.message };
  const auth = await authorize("execute", `plan ${parsed.data.planId}`);
  if (!auth.ok) return { message: auth.message };
  const result = await executePlan(parsed.data.planId, auth.user.email, { wait: false });
  if (!result.ok) return { message: result.message, drifted: result.drifted };
  kickRunner();
  revalidatePath(`/plans/${parsed.data.planId}`);
  return { message: `queued ${result.runIds.length} run${result.runIds.length === 1 ? "" : "s"}: ${result.runIds.map((id) => `#${id}`).join(", ")}` };
}

export async function cancelRunAction(_prev: ExecuteFormState, formData: FormData): Promise<ExecuteFormState> {
  const parsed = runIdSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { message: parsed.error.issues[0]!.message };
  const auth = await authorize("execute", `run ${parsed.data.runId}`);
  if (!auth.ok) return { message: auth.message };
  const result = await cancelRun(parsed.data.runId, auth.user.email);
  revalidatePath("/plans");
  return { message: result.message };
}
