// Runs shaped for the run tables of the partition and plan pages (paged in SQL), and for the run page.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { decisionVerifies } from "@/lib/read-model/approvals";
import { supersession, type Superseded } from "@/lib/read-model/supersession";
import { pageOf, type Page } from "@/lib/views/paging";

export interface RunRow {
  id: number;
  action: string;
  partitionKey: string;
  status: string;
  attempt: number;
  retryOfRunId: number | null;
  operator: string;
  targetAssets: string;
  stepsDone: number;
  rowsDone: number;
  expectedCount: number | null;
  error: string | null;
  /** Run.errorText: the error as a catalog message (null on runs recorded before it was kept). */
  errorText: string | null;
  startedAt: Date | null;
  failedChecks: number;
  review: RunReview;
}

/** Where a run's evidence stands with the reviewers (the pages say it in the reader's language). */
export type RunReview =
  | { kind: "decided"; decision: string; reviewer: string }
  /** A decision is recorded but its signature does not verify: no decision (lib/read-model/approvals.ts). */
  | { kind: "unsigned"; decision: string; reviewer: string }
  /** A later run rewrote what it built: nothing to review here; `latest` is the run to review instead. */
  | { kind: "superseded"; latest: number }
  | { kind: "none" | "noEvidence" | "notSucceeded" | "checksFailed" | "awaiting" };

export const RUNS_PER_PAGE = 20;

/** What a run's latest decision says, and what its signature covers. */
const REVIEW_FIELDS = { decision: true, reviewer: true, createdAt: true, signature: true } as const;

/** In the evidence queue's order (lib/views/evidence-queue.ts): a decision, then supersession, then the run's own state. */
function reviewState(
  run: {
    status: string;
    evidence: {
      id: number;
      sha256: string;
      reviews: { decision: string; reviewer: string; createdAt: Date; signature: string | null }[];
    } | null;
  },
  failedChecks: number,
  superseded: Superseded | undefined,
): RunReview {
  const review = run.evidence?.reviews[0];
  if (review)
    return {
      kind: decisionVerifies(review, run.evidence!) ? "decided" : "unsigned",
      decision: review.decision,
      reviewer: review.reviewer,
    };
  if (run.status === "queued" || run.status === "running") return { kind: "none" };
  if (!run.evidence) return { kind: "noEvidence" };
  if (superseded) return { kind: "superseded", latest: superseded.latest };
  if (run.status !== "succeeded") return { kind: "notSucceeded" };
  if (failedChecks > 0) return { kind: "checksFailed" };
  return { kind: "awaiting" };
}

/**
 * Each run's failed blocking checks, counted over those runs' own checks (an index). Prisma's `_count` of a filtered
 * relation is an aggregate of the whole table joined back — every check of the store, for one page of runs.
 */
async function failedChecks(runIds: number[]): Promise<Map<number, number>> {
  const counts = await db.checkResult.groupBy({
    by: ["runId"],
    where: { runId: { in: runIds }, passed: false, severity: "blocking" },
    _count: { _all: true },
  });
  return new Map(counts.map((c) => [c.runId, c._count._all]));
}

/** One page of runs, newest first: a fixed number of queries whatever the number of runs. */
export async function runPage(where: Prisma.RunWhereInput, page = 1): Promise<Page<RunRow>> {
  const [total, runs] = await Promise.all([
    db.run.count({ where }),
    db.run.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * RUNS_PER_PAGE,
      take: RUNS_PER_PAGE,
      include: {
        evidence: {
          select: { id: true, sha256: true, reviews: { orderBy: { id: "desc" }, take: 1, select: REVIEW_FIELDS } },
        },
      },
    }),
  ]);
  const ids = runs.map((r) => r.id);
  const [superseded, failed] = await Promise.all([supersession(ids), failedChecks(ids)]);
  const rows = runs.map((r) => ({
    id: r.id,
    action: r.action,
    partitionKey: r.partitionKey,
    status: r.status,
    attempt: r.attempt,
    retryOfRunId: r.retryOfRunId,
    operator: r.operator,
    targetAssets: r.targetAssets,
    stepsDone: r.stepsDone,
    rowsDone: r.rowsDone,
    expectedCount: r.expectedCount,
    error: r.error,
    errorText: r.errorText,
    startedAt: r.startedAt,
    failedChecks: failed.get(r.id) ?? 0,
    review: reviewState(r, failed.get(r.id) ?? 0, superseded.get(r.id)),
  }));
  return pageOf(rows, total, RUNS_PER_PAGE);
}

/** One run with its steps (each attempt), for the run page. */
export async function runDetail(id: number) {
  const run = await db.run.findUnique({
    where: { id },
    include: {
      materializations: { orderBy: { id: "asc" } },
      evidence: {
        select: { id: true, sha256: true, reviews: { orderBy: { id: "desc" }, take: 1, select: REVIEW_FIELDS } },
      },
    },
  });
  if (!run) return null;
  const [worker, retries, superseded, failed] = await Promise.all([
    run.workerId ? db.worker.findUnique({ where: { id: run.workerId } }) : null,
    db.run.findMany({ where: { retryOfRunId: id }, select: { id: true, status: true, attempt: true } }),
    supersession([id]),
    failedChecks([id]),
  ]);
  // Seconds until the lease expires (negative: expired, any worker will reclaim the run).
  const leaseLeft = run.leaseExpiresAt ? Math.round((run.leaseExpiresAt.getTime() - Date.now()) / 1000) : null;
  return { run, worker, retries, leaseLeft, review: reviewState(run, failed.get(id) ?? 0, superseded.get(id)) };
}
