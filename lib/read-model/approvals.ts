// Signed review decisions. A reviewer's decision is signed with HMAC-SHA256 under EVIDENCE_SECRET, which the
// database does not hold: a Review row written or edited by anyone who can write the store but lacks the key does
// not verify, and a row that does not verify is no decision — never an approval (decision 014). PartitionState
// carries each cell's review id (kept by triggers), so the gate verifies the distinct approvals of a range in one
// query and in-process HMACs, whatever the number of cells.
import crypto from "node:crypto";
import { evidenceSecret } from "@/lib/auth/secret";
import type { PartitionKey } from "@/lib/domain/partition";
import { REVIEW_SIGNATURE_VERSION, reviewSigningText, type SignedReviewFields } from "@/lib/domain/review";
import { jsonValues, rawRows } from "@/lib/raw";

const PREFIX = `v${REVIEW_SIGNATURE_VERSION}:`;

/** The signature a decision carries: `v1:` + hex HMAC-SHA256 of its canonical text under EVIDENCE_SECRET. */
export function signReview(fields: SignedReviewFields): string {
  return PREFIX + crypto.createHmac("sha256", evidenceSecret()).update(reviewSigningText(fields)).digest("hex");
}

// Verified (text, signature) pairs: the same approvals are read by every page of a range, and an HMAC is
// cheap but not free over tens of thousands of cells. Keyed by exactly what is signed, so an edited row is a new
// key; bounded, so a store with more approvals than it holds only verifies again.
const verified = new Map<string, boolean>();
const VERIFIED_HELD = 100_000;

/** Whether a stored decision carries a valid signature over its own fields (constant-time comparison). */
export function reviewVerifies(fields: SignedReviewFields, signature: string | null): boolean {
  if (!signature || Number.isNaN(fields.decidedAt.getTime())) return false;
  const key = `${reviewSigningText(fields)}\u0000${signature}`;
  const known = verified.get(key);
  if (known !== undefined) return known;
  const expected = Buffer.from(signReview(fields));
  const stored = Buffer.from(signature);
  const ok = expected.length === stored.length && crypto.timingSafeEqual(expected, stored);
  if (verified.size >= VERIFIED_HELD) verified.clear();
  verified.set(key, ok);
  return ok;
}

/** An approval a cell of the range rests on that does not verify: who it claims, and where. */
export interface UnverifiedApproval {
  /** The Review row's id; null when the cell says "approved" with no review row behind it. */
  reviewId: number | null;
  evidenceId: number | null;
  runId: number | null;
  /** The partition (the first one, for cells marked approved with no review behind them). */
  partitionKey: string;
  /** How many cells rest on it. */
  cells: number;
  reviewer: string | null;
}

interface ApprovalRow {
  reviewId: number | bigint | null;
  evidenceId: number | bigint | null;
  reviewer: string | null;
  decision: string | null;
  createdAt: string | Date | null;
  signature: string | null;
  sha256: string | null;
  runId: number | bigint | null;
  partitionKey: string;
  cells: number | bigint;
  /** 1 when every cell naming this review holds a build of the run whose evidence it decided. */
  bound: number | bigint | boolean;
}

const num = (v: number | bigint | null) => (v === null ? null : Number(v));

/**
 * The approvals the cells of `from..to` (of `assets`, or only the partitions `only` names) rest on that do not
 * verify, in one query: an unsigned or forged row, an edited one (its fields no longer match its signature), a cell
 * marked approved with no review behind it, or a cell naming a review of another run's evidence.
 */
export async function unverifiedApprovals(
  from: PartitionKey,
  to: PartitionKey,
  assets: readonly string[],
  only: string | null = null,
): Promise<UnverifiedApproval[]> {
  const rows = await rawRows<ApprovalRow>(
    `SELECT ps."reviewId" AS "reviewId", v."evidenceId" AS "evidenceId", v."reviewer" AS reviewer,
            v."decision" AS decision, v."createdAt" AS "createdAt", v."signature" AS signature,
            e."sha256" AS sha256, e."runId" AS "runId", MIN(ps."partitionKey") AS "partitionKey", COUNT(*) AS cells,
            MIN(CASE WHEN e."runId" = m."runId" THEN 1 ELSE 0 END) AS bound
     FROM "PartitionState" ps
     JOIN "Materialization" m ON m."id" = ps."materializationId"
     LEFT JOIN "Review" v ON v."id" = ps."reviewId"
     LEFT JOIN "Evidence" e ON e."id" = v."evidenceId"
     -- COALESCE keeps SQLite on the primary key's range (the review index would walk every approved cell of the store)
     WHERE COALESCE(ps."review", '') = 'approved' AND ps."partitionKey" BETWEEN ? AND ? AND ps."assetKey" IN (${jsonValues()})
       AND (CAST(? AS TEXT) IS NULL OR ps."partitionKey" IN (${jsonValues()}))
     GROUP BY ps."reviewId", v."evidenceId", v."reviewer", v."decision", v."createdAt", v."signature", e."sha256",
              e."runId"
     ORDER BY MIN(ps."partitionKey")`,
    from,
    to,
    JSON.stringify(assets),
    only,
    only,
  );
  return rows
    .filter(
      (r) =>
        !(
          r.reviewId !== null &&
          r.decision === "approved" &&
          Number(r.bound) === 1 &&
          r.evidenceId !== null &&
          r.sha256 !== null &&
          r.reviewer !== null &&
          r.createdAt !== null &&
          reviewVerifies(
            {
              evidenceId: Number(r.evidenceId),
              evidenceSha256: r.sha256,
              reviewer: r.reviewer,
              decision: r.decision,
              decidedAt: new Date(r.createdAt),
            },
            r.signature,
          )
        ),
    )
    .map((r) => ({
      reviewId: num(r.reviewId),
      evidenceId: num(r.evidenceId),
      runId: num(r.runId),
      partitionKey: r.partitionKey,
      cells: Number(r.cells),
      reviewer: r.reviewer,
    }));
}

/** Whether a review row (as the store holds it, with its evidence's sha256) is a signed decision. */
export function decisionVerifies(
  review: { reviewer: string; decision: string; createdAt: Date; signature: string | null },
  evidence: { id: number; sha256: string },
): boolean {
  return reviewVerifies(
    {
      evidenceId: evidence.id,
      evidenceSha256: evidence.sha256,
      reviewer: review.reviewer,
      decision: review.decision,
      decidedAt: review.createdAt,
    },
    review.signature,
  );
}
