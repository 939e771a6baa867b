// Runs shaped for the run tables of the partition and plan pages.
import type { Prisma } from "@/generated/prisma/client";
import type { RunRow } from "@/components/run-table";
import { db } from "@/lib/db";

function reviewState(run: { status: string; evidence: { reviews: { decision: string; reviewer: string }[] } | null }, failedChecks: number): string {
  const review = run.evidence?.reviews[0];
  if (review) return `${review.decision} by ${review.reviewer}`;
  if (run.status === "queued" || run.status === "running") return "—";
  if (!run.evidence) return "no evidence";
  if (run.status !== "succeeded") return "not reviewable: the run did not succeed";
  if (failedChecks > 0) return "not reviewable: checks failed";
  return "awaiting review";
}

export async function runRows(where: Prisma.RunWhereInput): Promise<RunRow[]> {
  const runs = await db.run.findMany({
    where,
    orderBy: { id: "desc" },
    include: {
      _count: { select: { checks: { where: { passed: false, severity: "blocking" } } } },
      evidence: { select: { reviews: { orderBy: { id: "desc" }, take: 1, select: { decision: true, reviewer: true } } } },
    },
  });
  return runs.map((r) => ({
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
    startedAt: r.startedAt,
    failedChecks: r._count.checks,
    review: reviewState(r, r._count.checks),
  }));
}

/** One run with its steps (each attempt), for the run page. */
export async function runDetail(id: number) {
  const run = await db.run.findUnique({
    where: { id },
    include: {
      materializations: { orderBy: { id: "asc" } },
      evidence: { select: { id: true, reviews: { orderBy: { id: "desc" }, take: 1, select: { decision: true, reviewer: true } } } },
      _count: { select: { checks: { where: { passed: false, severity: "blocking" } } } },
    },
  });
  if (!run) return null;
  const [worker, retries] = await Promise.all([
    run.workerId ? db.worker.findUnique({ where: { id: run.workerId } }) : null,
    db.run.findMany({ where: { retryOfRunId: id }, select: { id: true, status: true, attempt: true } }),
  ]);
  // Seconds until the lease expires (negative: expired, any worker will reclaim the run).
  const leaseLeft = run.leaseExpiresAt ? Math.round((run.leaseExpiresAt.getTime() - Date.now()) / 1000) : null;
  return { run, worker, retries, leaseLeft, review: reviewState(run, run._count.checks) };
}
