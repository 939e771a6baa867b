// Where a run's evidence stands with the reviewers. Pure: shared by the queue's SQL loader and the pages.
/** What a reviewer decides about a run's evidence. */
export const REVIEW_DECISIONS = ["approved", "rejected"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REVIEW_STATES = ["awaiting review", "approved", "rejected", "not reviewable", "superseded"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_DESCRIPTIONS: Record<ReviewState, string> = {
  "awaiting review": "the run succeeded and its checks passed: a reviewer decides",
  approved: "a reviewer approved it: what it built is released to week07/week08",
  rejected: "a reviewer rejected it: what it built is quarantined",
  "not reviewable": "the run did not succeed, or a blocking check failed",
  superseded: "a later run rewrote what it built: review that one",
};

/**
 * What a reviewer's signature covers: one canonical, versioned string of the decision and the evidence it names
 * (its id and its sha256), so a row written or edited without the evidence key (EVIDENCE_SECRET) does not verify
 * (docs/decisions/014-signed-review-decisions.md). JSON, so no field can smuggle in a separator.
 */
export const REVIEW_SIGNATURE_VERSION = 1;

export interface SignedReviewFields {
  evidenceId: number;
  evidenceSha256: string;
  reviewer: string;
  decision: string;
  /** When it was decided, as stored (ISO-8601, milliseconds). */
  decidedAt: Date;
}

export function reviewSigningText(f: SignedReviewFields): string {
  return JSON.stringify([
    "partition-desk.review",
    REVIEW_SIGNATURE_VERSION,
    f.evidenceId,
    f.evidenceSha256,
    f.reviewer,
    f.decision,
    f.decidedAt.toISOString(),
  ]);
}
