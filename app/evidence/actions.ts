"use server";

import { revalidatePath } from "next/cache";
import { bulkReviewRequestSchema, reviewRequestSchema } from "@/contracts/review";
import { authorize } from "@/lib/auth/session";
import { reviewEvidence, reviewMany, type BulkReviewResult } from "@/lib/pipeline/review";

export interface ReviewFormState {
  message?: string;
  ok?: boolean;
  fieldErrors?: { reason?: string };
}

/** Approve or Reject: validate → authorize (reviewer) → review (separation of duties checked there). */
export async function reviewAction(_prev: ReviewFormState, formData: FormData): Promise<ReviewFormState> {
  const parsed = reviewRequestSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const reason = parsed.error.issues.find((i) => i.path[0] === "reason")?.message;
    return { message: parsed.error.issues.map((i) => i.message).join("; "), fieldErrors: reason ? { reason } : undefined };
  }
  const auth = await authorize("review", `evidence ${parsed.data.evidenceId}`);
  if (!auth.ok) return { message: auth.message };
  const result = await reviewEvidence({ ...parsed.data, reviewer: auth.user.email });
  if (!result.ok) return { message: result.message };
  revalidatePath("/evidence");
  revalidatePath(`/evidence/${parsed.data.runId}`);
  return { ok: true, message: result.decision === "approved" ? "Approved: the partition is released to downstream." : "Rejected: the partition is quarantined." };
}

export interface BulkReviewFormState {
  message?: string;
  result?: BulkReviewResult;
}

/** One decision over the selected runs: validate → authorize (reviewer) → judge each run alone → list the outcome. */
export async function bulkReviewAction(_prev: BulkReviewFormState, formData: FormData): Promise<BulkReviewFormState> {
  const parsed = bulkReviewRequestSchema.safeParse({
    run_ids: formData.getAll("runId").map(String),
    decision: formData.get("decision"),
    reason: formData.get("reason") ?? undefined,
  });
  if (!parsed.success) return { message: parsed.error.issues.map((i) => i.message).join("; ") };
  const auth = await authorize("review", `evidence (bulk, ${parsed.data.run_ids.length} runs)`);
  if (!auth.ok) return { message: auth.message };
  const result = await reviewMany({ runIds: parsed.data.run_ids, reviewer: auth.user.email, decision: parsed.data.decision, reason: parsed.data.reason });
  revalidatePath("/evidence");
  revalidatePath("/backfills", "layout");
  const done = parsed.data.decision === "approved" ? "approved" : "rejected";
  return { result, message: `${result.reviewed.length} ${done}, ${result.refused.length} refused.` };
}
