"use server";

import { revalidatePath } from "next/cache";
import { bulkReviewRequestSchema, reviewRequestSchema } from "@/contracts/review";
import { authorize } from "@/lib/auth/session";
import { reviewEvidence, reviewMany, type BulkReviewResult } from "@/lib/pipeline/review";
import { parseForm, readerLocale, say, sayOutcome } from "@/lib/i18n/server";
import { render, text } from "@/lib/i18n/text";
import type { PartitionKey } from "@/lib/domain/partition";
import { downstreamOf } from "@/lib/views/evidence";

export interface ReviewFormState {
  message?: string;
  ok?: boolean;
  fieldErrors?: { reason?: string };
}

/** Approve or Reject: validate → authorize (reviewer) → review (separation of duties checked there). */
export async function reviewAction(_prev: ReviewFormState, formData: FormData): Promise<ReviewFormState> {
  const parsed = await parseForm(reviewRequestSchema, Object.fromEntries(formData));
  if (!parsed.ok)
    return {
      message: parsed.message,
      fieldErrors: parsed.fields.reason ? { reason: parsed.fields.reason } : undefined,
    };
  const auth = await authorize("review", `evidence ${parsed.data.evidenceId}`);
  if (!auth.ok) return { message: await sayOutcome(auth) };
  const result = await reviewEvidence({ ...parsed.data, reviewer: auth.user.email });
  if (!result.ok) return { message: await sayOutcome(result) };
  revalidatePath("/evidence");
  revalidatePath(`/evidence/${parsed.data.runId}`);
  if (result.decision === "rejected") return { ok: true, message: await say(text("actions.rejected")) };
  // "Released" only when the downstream gate says so: an approval can leave the partition held (silver not released).
  const downstream = await downstreamOf(result.partitionKey as PartitionKey);
  return {
    ok: true,
    message: await say(
      downstream.consumable
        ? text("actions.approved", { key: result.partitionKey })
        : text("actions.approvedHeld", { key: result.partitionKey, why: downstream.why }),
    ),
  };
}

export interface BulkReviewFormState {
  message?: string;
  result?: BulkReviewResult & { refused: { message: string }[] };
}

/** One decision over the selected runs: validate → authorize (reviewer) → judge each run alone → list the outcome. */
export async function bulkReviewAction(_prev: BulkReviewFormState, formData: FormData): Promise<BulkReviewFormState> {
  const parsed = await parseForm(bulkReviewRequestSchema, {
    run_ids: formData.getAll("runId").map(String),
    decision: formData.get("decision"),
    reason: formData.get("reason") ?? undefined,
  });
  if (!parsed.ok) return { message: parsed.message };
  const auth = await authorize("review", `evidence (bulk, ${parsed.data.run_ids.length} runs)`);
  if (!auth.ok) return { message: await sayOutcome(auth) };
  const result = await reviewMany({
    runIds: parsed.data.run_ids,
    reviewer: auth.user.email,
    decision: parsed.data.decision,
    reason: parsed.data.reason,
  });
  revalidatePath("/evidence");
  revalidatePath("/backfills", "layout");
  const locale = await readerLocale();
  // Each refusal in the reader's language: the client shows messages, it has no catalog of lib's refusals.
  const refused = result.refused.map((r) => ({ ...r, message: render(r.text, locale) }));
  const message = render(
    // Refused by the gate, which is not the same as rejected by the reviewer: said as "not approved", with why.
    result.refused.length === 0
      ? text("actions.bulkDone", { reviewed: result.reviewed.length, decision: parsed.data.decision })
      : text("actions.bulkDoneRefused", {
          reviewed: result.reviewed.length,
          decision: parsed.data.decision,
          refused: result.refused.length,
        }),
    locale,
  );
  return { result: { ...result, refused }, message };
}
