// A reviewer's decision on a run's evidence. Approval releases what the run built; rejection quarantines it
// (both derived by lib/domain/status.ts). Every precondition is checked inside the transaction that records
// the decision, so two reviewers cannot race past them.
import { audit } from "@/lib/audit";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { db } from "@/lib/db";
import { RECOVERY_ACTIONS } from "@/lib/domain/recovery";
import { DOWNSTREAM_CONSUMERS } from "@/lib/domain/assets";
import { CHECKS_BY_ASSET } from "@/lib/domain/checks";
import { notify } from "@/lib/notify/outbox";
import { evidenceIntact } from "@/lib/pipeline/evidence";
import { policy } from "@/lib/policy";
import { onPostgres } from "@/lib/raw";
import { told, type Text } from "@/lib/i18n/text";
import { decisionVerifies, signReview } from "@/lib/read-model/approvals";
import { supersession } from "@/lib/read-model/supersession";
import { targetAssets } from "@/lib/store-json";
import { isOneOf } from "@/lib/domain/one-of";

export type ReviewResult =
  { ok: true; reviewId: number; decision: "approved" | "rejected"; partitionKey: string } | Refused;

export async function reviewEvidence(input: {
  evidenceId: number;
  reviewer: string;
  decision: "approved" | "rejected";
  reason?: string;
}): Promise<ReviewResult> {
  const reason = input.reason?.trim() || null;
  const decide = () =>
    db.$transaction(async (tx): Promise<ReviewResult> => {
      // On PostgreSQL, decisions take turns (SQLite has one writer): review ids then follow commit order, so the
      // consumers' `since` cursor never skips an approval that committed late, and two reviewers of one evidence
      // cannot both find it undecided.
      if (onPostgres()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('partition-desk-reviews'))`;
      const evidence = await tx.evidence.findUnique({
        where: { id: input.evidenceId },
        include: { run: { select: { id: true, targetAssets: true } }, reviews: { orderBy: { id: "desc" }, take: 1 } },
      });
      if (!evidence) return refusal("not_found", "review.evidenceNotFound", { id: input.evidenceId });
      const run = evidence.run;
      // A recorded decision counts only when its signature verifies; one that does not (written without the evidence
      // key, or from before reviews were signed) is no decision, and the signed decision made now takes its place.
      const recorded = evidence.reviews[0] ?? null;
      const unsigned = recorded && !decisionVerifies(recorded, evidence) ? recorded : null;
      if (recorded && !unsigned)
        return refusal("conflict", "review.alreadyDecided", {
          id: evidence.id,
          decision: recorded.decision,
          reviewer: recorded.reviewer,
        });
      if (input.decision === "rejected" && !reason) return refusal("invalid", "review.reasonRequired");
      // Everything below is decided from the evidence document, whose MAC the store cannot forge — not from the
      // Run and CheckResult rows it summarizes, which anyone who can write the store can edit.
      const intact = evidenceIntact(evidence);
      if (!intact.ok) return refusal("conflict", "review.notIntact", { id: evidence.id, problem: intact.problem });
      const doc = intact.document;
      // Separation of duties: whoever started the run may not approve it, whatever roles they hold.
      if (input.decision === "approved" && doc.operator === input.reviewer) {
        return refusal("forbidden", "review.ownRun", { reviewer: input.reviewer, runId: run.id });
      }
      // Only the run that built what the partition holds now can be released by a review.
      const superseded = (await supersession([run.id], tx)).get(run.id);
      if (superseded)
        return refusal("conflict", "review.superseded", {
          runId: run.id,
          newer: superseded.newer,
          latest: superseded.latest,
          key: evidence.partitionKey,
        });
      if (input.decision === "approved") {
        if (doc.status !== "succeeded")
          return refusal("conflict", "review.notSucceeded", { runId: run.id, status: doc.status });
        const failedBlocking = doc.checks.filter((c) => c.severity === "blocking" && !c.passed).length;
        if (failedBlocking > 0)
          return refusal("conflict", "review.failedBlocking", { runId: run.id, count: failedBlocking });
        if (isOneOf(RECOVERY_ACTIONS, doc.action)) {
          // A required check binds a run that built its asset: a report-only rebuild is not asked for silver's checks.
          const built = new Set(doc.assets.map((a) => a.asset));
          const required = policy().required_checks[doc.action].filter((name) =>
            [...built].some((a) => CHECKS_BY_ASSET[a]?.includes(name)),
          );
          for (const name of required) {
            const results = doc.checks.filter((c) => c.name === name);
            if (results.length === 0 || results.some((c) => !c.passed)) {
              return refusal(
                "conflict",
                results.length === 0 ? "review.requiredCheckMissing" : "review.requiredCheckFailed",
                { action: doc.action, check: name, runId: run.id },
              );
            }
          }
        }
      }
      if (unsigned) await tx.review.delete({ where: { id: unsigned.id } });
      // Milliseconds, as both stores keep them: the signed time is the stored one.
      const decidedAt = new Date();
      const review = await tx.review.create({
        data: {
          evidenceId: evidence.id,
          reviewer: input.reviewer,
          decision: input.decision,
          reason,
          createdAt: decidedAt,
          signature: signReview({
            evidenceId: evidence.id,
            evidenceSha256: evidence.sha256,
            reviewer: input.reviewer,
            decision: input.decision,
            decidedAt,
          }),
        },
      });
      const announced = {
        partition_key: evidence.partitionKey,
        run_id: run.id,
        evidence_id: evidence.id,
        reviewer: input.reviewer,
        assets: targetAssets(run.targetAssets),
      };
      if (input.decision === "approved")
        await notify(tx, "partition.released", `partition.released:${evidence.id}`, {
          ...announced,
          consumers: DOWNSTREAM_CONSUMERS,
        });
      else
        await notify(tx, "run.quarantined", `run.quarantined:${run.id}`, {
          ...announced,
          why: `evidence rejected: ${reason}`,
        });
      await audit(
        {
          actor: input.reviewer,
          action: `review.${input.decision}`,
          target: evidence.partitionKey,
          outcome: "ok",
          detail: {
            runId: run.id,
            evidenceId: evidence.id,
            reason,
            // What the row this decision replaced claimed, kept for whoever looks into how it got there.
            ...(unsigned && {
              replacedUnsignedReview: {
                id: unsigned.id,
                reviewer: unsigned.reviewer.slice(0, 200),
                decision: unsigned.decision,
                at: unsigned.createdAt.toISOString(),
              },
            }),
          },
        },
        tx,
      );
      return { ok: true, reviewId: review.id, decision: input.decision, partitionKey: evidence.partitionKey };
    });
  let result: ReviewResult;
  try {
    result = await decide();
  } catch (e) {
    // The store allows one review per evidence: of two reviewers deciding at once, the second is told so.
    if (!(
      e instanceof Error &&
      /Unique constraint|UNIQUE constraint|P2002/.test(`${e.message} ${(e as { code?: string }).code ?? ""}`)
    ))
      throw e;
    result = refusal("conflict", "review.reviewedMeanwhile", { id: input.evidenceId });
  }
  if (!result.ok) {
    await audit({
      actor: input.reviewer,
      action: `review.${input.decision}`,
      target: `evidence ${input.evidenceId}`,
      outcome: "refused",
      detail: { reason: result.text },
    });
  }
  return result;
}

export interface BulkReviewResult {
  decision: "approved" | "rejected";
  reviewed: { runId: number; partitionKey: string }[];
  refused: { runId: number; partitionKey: string | null; message: string; text: Text }[];
}

/**
 * One decision, one reason, many runs (a backfill's, a filtered queue's): each run is judged exactly as alone —
 * separation of duties, integrity, supersession, required checks — in its own transaction, with its own audit
 * line; the runs that cannot take the decision are listed with why.
 */
export async function reviewMany(input: {
  runIds: number[];
  reviewer: string;
  decision: "approved" | "rejected";
  reason?: string;
}): Promise<BulkReviewResult> {
  const result: BulkReviewResult = { decision: input.decision, reviewed: [], refused: [] };
  const runIds = [...new Set(input.runIds)].sort((a, b) => a - b);
  const evidence = await db.evidence.findMany({
    where: { runId: { in: runIds } },
    select: { id: true, runId: true, partitionKey: true },
  });
  const byRun = new Map(evidence.map((e) => [e.runId, e]));
  for (const runId of runIds) {
    const e = byRun.get(runId);
    if (!e) {
      const { message, text } = told("review.noEvidence", { runId });
      result.refused.push({ runId, partitionKey: null, message, text });
      await audit({
        actor: input.reviewer,
        action: `review.${input.decision}`,
        target: `run ${runId}`,
        outcome: "refused",
        detail: { reason: text },
      });
      continue;
    }
    const decided = await reviewEvidence({
      evidenceId: e.id,
      reviewer: input.reviewer,
      decision: input.decision,
      reason: input.reason,
    });
    if (decided.ok) result.reviewed.push({ runId, partitionKey: e.partitionKey });
    else result.refused.push({ runId, partitionKey: e.partitionKey, message: decided.message, text: decided.text });
  }
  return result;
}
