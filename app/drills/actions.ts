"use server";

import { revalidatePath } from "next/cache";
import { drillRequestSchema, drillRevertSchema } from "@/contracts/drill";
import { authorize } from "@/lib/auth/session";
import { applyPreviewedDrill, previewDrill, previewRevert, revertPreviewedDrill } from "@/lib/pipeline/drills";
import { parseForm, readerLocale, sayOutcome } from "@/lib/i18n/server";
import { render, text, type Text } from "@/lib/i18n/text";

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

export interface RevertFormState {
  ok?: boolean;
  intent?: "preview" | "revert";
  lines?: string[];
  message?: string;
  /** Preview: what Revert must carry back (the token of the drill's state, the plan it executes). */
  token?: string;
  planId?: string;
  /** Refused because a later run wrote this partition: its recovery actions are the way on. */
  recoverAt?: string;
}

/** Preview a drill's revert, or revert exactly what was previewed: validate → authorize (drill) → lib. */
export async function revertDrillAction(_prev: RevertFormState, formData: FormData): Promise<RevertFormState> {
  const parsed = await parseForm(drillRevertSchema, Object.fromEntries(formData));
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { drillId, intent, token, planId } = parsed.data;
  // A revert that writes rows makes a restore plan (preview) and executes it (revert): the drill permission alone is
  // not enough — each of those is checked as it would be on the plan page.
  const auth = await authorize("drill", `drill ${drillId}`);
  if (!auth.ok) return { ok: false, message: await sayOutcome(auth) };
  const also = await authorize(intent === "preview" ? "plan" : "execute", `drill ${drillId}`);
  if (!also.ok) return { ok: false, message: await sayOutcome(also) };
  const locale = await readerLocale();
  const refused = (r: { text: Text; recoverAt?: string }): RevertFormState => ({
    ok: false,
    intent,
    message: render(r.text, locale),
    recoverAt: r.recoverAt,
  });
  if (intent === "preview") {
    const preview = await previewRevert(drillId, auth.user.email);
    // The preview made a plan (a dry run): the plans list shows it.
    if (preview.ok && preview.planId) revalidatePath("/plans");
    return preview.ok
      ? {
          ok: true,
          intent,
          lines: preview.lines.map((l) => render(l, locale)),
          token: preview.token,
          planId: preview.planId ?? undefined,
        }
      : refused(preview);
  }
  const result = await revertPreviewedDrill(drillId, { token, planId }, auth.user.email, "ui");
  revalidatePath("/drills");
  return result.ok
    ? {
        ok: true,
        intent,
        lines: [
          render(
            text("actions.reverted", { changes: result.changed.map((c) => render(c, locale)).join("; ") }),
            locale,
          ),
        ],
      }
    : refused(result);
}
