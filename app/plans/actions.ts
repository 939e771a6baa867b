"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { planRequestSchema } from "@/contracts/backfill_plan";
import { authorize } from "@/lib/auth/session";
import { createPlan } from "@/lib/pipeline/plans";

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
