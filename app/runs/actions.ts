"use server";

import { revalidatePath } from "next/cache";
import { runControlSchema } from "@/contracts/engine";
import { authorize } from "@/lib/auth/session";
import { controlRun } from "@/lib/engine/control";

export interface RunControlState {
  message?: string;
  ok?: boolean;
  drifted?: boolean;
  fieldErrors?: { reason?: string };
}

/** Cancel a run, or force-release a stuck one (with a reason): validate → authorize (operator) → control. */
export async function runControlAction(_prev: RunControlState, formData: FormData): Promise<RunControlState> {
  const parsed = runControlSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const reason = parsed.error.issues.find((i) => i.path[0] === "reason")?.message;
    return { message: parsed.error.issues.map((i) => i.message).join("; "), fieldErrors: reason ? { reason } : undefined };
  }
  const auth = await authorize("execute", `run ${parsed.data.runId}`);
  if (!auth.ok) return { message: auth.message };
  const result = await controlRun(parsed.data.runId, parsed.data.control, auth.user.email, parsed.data.reason);
  revalidatePath(`/runs/${parsed.data.runId}`);
  return { ok: result.ok, message: result.message };
}
