"use server";

import { revalidatePath } from "next/cache";
import { drillIdSchema, drillRequestSchema } from "@/contracts/drill";
import { authorize } from "@/lib/auth/session";
import { applyPreviewedDrill, previewDrill, revertDrill } from "@/lib/pipeline/drills";

export interface DrillFormState {
  ok?: boolean;
  intent?: "preview" | "apply";
  lines?: string[];
  message?: string;
  /** Preview: the token Apply must carry, and the inputs it stands for. */
  token?: string;
  previewed?: { partitionKey?: string; assetKey?: string; checkName?: string };
}

/** Preview (a dry run of the drill) or Apply: validate → authorize (drill) → lib. */
export async function drillAction(_prev: DrillFormState, formData: FormData): Promise<DrillFormState> {
  const parsed = drillRequestSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
  const { kind, intent, token, ...target } = parsed.data;
  const auth = await authorize("drill", `${kind} ${target.partitionKey ?? ""}`.trim());
  if (!auth.ok) return { ok: false, message: auth.message };
  if (intent === "preview") {
    const preview = await previewDrill(kind, target);
    return preview.ok ? { ok: true, intent, lines: preview.lines, token: preview.token, previewed: target } : { ok: false, message: preview.message };
  }
  // Apply exactly what was previewed: a drill is a deliberate change to a chosen partition, never to a default.
  const result = await applyPreviewedDrill(kind, target, token, auth.user.email);
  revalidatePath("/drills");
  return result.ok ? { ok: true, intent, lines: [`Drill ${result.drillId} applied:`, ...result.changed] } : { ok: false, message: result.message };
}

export async function revertDrillAction(_prev: { message?: string }, formData: FormData): Promise<{ message?: string }> {
  const parsed = drillIdSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { message: parsed.error.issues[0]!.message };
  const auth = await authorize("drill", `drill ${parsed.data.drillId}`);
  if (!auth.ok) return { message: auth.message };
  const result = await revertDrill(parsed.data.drillId, auth.user.email);
  revalidatePath("/drills");
  return { message: result.ok ? `Reverted: ${result.changed.join("; ")}` : result.message };
}
