"use server";

import { revalidatePath } from "next/cache";
import { reviewRequestSchema } from "@/contracts/review";
import { authorize } from "@/lib/auth/session";
import { reviewEvidence } from "@/lib/pipeline/review";

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
