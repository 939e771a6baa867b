"use server";

import { revalidatePath } from "next/cache";
import { runControlSchema } from "@/contracts/engine";
import { authorize } from "@/lib/auth/session";
import { controlRun } from "@/lib/engine/control";
import { parseForm, sayOutcome } from "@/lib/i18n/server";

export interface RunControlState {
  message?: string;
  ok?: boolean;
  drifted?: boolean;
  fieldErrors?: { reason?: string };
}

/** Cancel a run, or force-release a stuck one (with a reason): validate → authorize (operator) → control. */
export async function runControlAction(_prev: RunControlState, formData: FormData): Promise<RunControlState> {
  const parsed = await parseForm(runControlSchema, Object.fromEntries(formData));
  if (!parsed.ok)
    return {
      message: parsed.message,
      fieldErrors: parsed.fields.reason ? { reason: parsed.fields.reason } : undefined,
    };
  const auth = await authorize("execute", `run ${parsed.data.runId}`);
  if (!auth.ok) return { message: await sayOutcome(auth) };
  const result = await controlRun(parsed.data.runId, parsed.data.control, auth.user.email, parsed.data.reason);
  revalidatePath(`/runs/${parsed.data.runId}`);
  return { ok: result.ok, message: await sayOutcome(result) };
}
