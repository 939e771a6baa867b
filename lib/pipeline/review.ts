// A reviewer's decision on a run's evidence. Approval releases what the run built; rejection quarantines it.
// The run's initiator may not approve it (separation of duties), checked inside the same transaction.
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";

export type ReviewResult = { ok: true; reviewId: number } | { ok: false; message: string };

export async function reviewEvidence(input: {
  evidenceId: number;
  reviewer: string;
  decision: "approved" | "rejected";
  reason?: string;
}): Promise<ReviewResult> {
  const result = await db.$transaction(async (tx): Promise<ReviewResult> => {
    const evidence = await tx.evidence.findUnique({ where: { id: input.evidenceId }, include: { run: true } });
    if (!evidence) return { ok: false, message: `evidence ${input.evidenceId} does not exist` };
    const run = evidence.run;
    if (input.decision === "approved") {
      if (run.operator === input.reviewer) {
        return { ok: false, message: `${input.reviewer} started run ${run.id} and may not approve its evidence` };
      }
      if (run.status !== "succeeded") return { ok: false, message: `run ${run.id} ${run.status}; only a succeeded run can be approved` };
      const failedBlocking = await tx.checkResult.count({ where: { runId: run.id, severity: "blocking", passed: false } });
      if (failedBlocking > 0) return { ok: false, message: `run ${run.id} has ${failedBlocking} failed blocking checks` };
    } else if (!input.reason?.trim()) {
      return { ok: false, message: "a reason is required to reject evidence" };
    }
    const review = await tx.review.create({
      data: { evidenceId: evidence.id, reviewer: input.reviewer, decision: input.decision, reason: input.reason?.trim() || null },
    });
    await audit({ actor: input.reviewer, action: `review.${input.decision}`, target: evidence.partitionKey, outcome: "ok", detail: { runId: run.id, evidenceId: evidence.id, reason: input.reason ?? null } }, tx);
    return { ok: true, reviewId: review.id };
  });
  if (!result.ok) {
    await audit({ actor: input.reviewer, action: `review.${input.decision}`, target: `evidence ${input.evidenceId}`, outcome: "refused", detail: { reason: result.message } });
  }
  return result;
}
