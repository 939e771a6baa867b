"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { backfillControlSchema } from "@/contracts/engine";
import { authorize } from "@/lib/auth/session";
import { controlBackfill } from "@/lib/engine/control";
import { parseForm, sayOutcome } from "@/lib/i18n/server";

export interface ControlFormState {
  message?: string;
  ok?: boolean;
}

/** Pause / Resume / Cancel all / Re-execute / runs at once: validate → authorize (operator) → control → the page updates live. */
export async function backfillControlAction(_prev: ControlFormState, formData: FormData): Promise<ControlFormState> {
  const parsed = await parseForm(backfillControlSchema, Object.fromEntries(formData));
  if (!parsed.ok) return { message: parsed.message };
  const auth = await authorize("execute", `backfill ${parsed.data.backfillId}`);
  if (!auth.ok) return { message: await sayOutcome(auth) };
  const result = await controlBackfill(parsed.data.backfillId, parsed.data, auth.user.email);
  if (!result.ok) return { message: await sayOutcome(result) };
  revalidatePath("/backfills");
  // Re-execution is a fresh dry-run plan: the operator reviews it before anything runs.
  if (result.planId) redirect(`/plans/${result.planId}`);
  return { ok: true, message: await sayOutcome(result) };
}
