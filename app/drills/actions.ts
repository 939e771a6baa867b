"use server";

import { revalidatePath } from "next/cache";
import { drillIdSchema, drillRequestSchema } from "@/contracts/drill";
import { authorize } from "@/lib/auth/session";
import { applyPreviewedDrill, previewDrill, revertDrill } from "@/lib/pipeline/drills";
import { parseForm, readerLocale, sayOutcome } from "@/lib/i18n/server";
import { render, text } from "@/lib/i18n/text";

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
  const parsed = await parseForm(drillRequestSchema, Object.fromEntries(formData));
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { kind, intent, token, ...target } = parsed.data;
  const auth = await authorize("drill", `${kind} ${target.partitionKey ?? ""}`.trim());
  if (!auth.ok) return { ok: false, message: await sayOutcome(auth) };
  const locale = await readerLocale();
  if (intent === "preview") {
    const preview = await previewDrill(kind, target);
    return preview.ok
      ? {
          ok: true,
          intent,
          lines: preview.lines.map((l) => render(l, locale)),
          token: preview.token,
          previewed: target,
        }
      : { ok: false, message: render(preview.text, locale) };
  }
  // Apply exactly what was previewed: a drill is a deliberate change to a chosen partition, never to a default.
  const result = await applyPreviewedDrill(kind, target, token, auth.user.email);
  revalidatePath("/drills");
  return result.ok
    ? {
        ok: true,
        intent,
        lines: [
          render(text("actions.drillApplied", { id: result.drillId }), locale),
          ...result.changed.map((c) => render(c, locale)),
        ],
      }
    : { ok: false, message: render(result.text, locale) };
}

export async function revertDrillAction(
  _prev: { message?: string },
  formData: FormData,
): Promise<{ message?: string }> {
  const parsed = await parseForm(drillIdSchema, Object.fromEntries(formData));
  if (!parsed.ok) return { message: parsed.message };
  const auth = await authorize("drill", `drill ${parsed.data.drillId}`);
  if (!auth.ok) return { message: await sayOutcome(auth) };
  const result = await revertDrill(parsed.data.drillId, auth.user.email);
  revalidatePath("/drills");
  const locale = await readerLocale();
  return {
    message: result.ok
      ? render(text("actions.reverted", { changes: result.changed.map((c) => render(c, locale)).join("; ") }), locale)
      : render(result.text, locale),
  };
}
