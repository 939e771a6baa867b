// Runs whose lease expired — their worker died, froze or lost the store — are reclaimed by any worker: the run
// becomes `interrupted`, its unfinished step too, its locks are released, its evidence is written, and the policy
// decides whether it is queued again as a retry. An operator can also force-release a stuck run (audited).
import type { Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { FINISHED_BACKFILL } from "@/lib/domain/backfill";
import { settleBackfill } from "@/lib/engine/backfill";
import { ActiveRunError, queueRun, type RunAction } from "@/lib/engine/queue";
import { recordEvidence } from "@/lib/pipeline/evidence";
import { policy } from "@/lib/policy";
import { quote, text, told, type Text } from "@/lib/i18n/text";
import { errorColumns } from "@/lib/engine/run-error";
import { targetAssets } from "@/lib/store-json";

type Tx = Prisma.TransactionClient;

async function interrupt(tx: Tx, ids: number[], why: Text): Promise<void> {
  const now = new Date();
  const error = errorColumns(why);
  await tx.materialization.updateMany({
    where: { runId: { in: ids }, status: "running" },
    data: { status: "interrupted", ...error, finishedAt: now },
  });
  await tx.run.updateMany({
    where: { id: { in: ids } },
    data: { status: "interrupted", ...error, errorKind: "transient", finishedAt: now, leaseExpiresAt: null },
  });
  await tx.partitionLock.deleteMany({ where: { runId: { in: ids } } });
  await tx.worker.updateMany({ where: { currentRunId: { in: ids } }, data: { currentRunId: null } });
}

/** Evidence of an interrupted run, best effort: a disk that refuses it must not stop the reclaim. */
async function recordInterrupted(runId: number): Promise<Text | null> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  try {
    await recordEvidence(runId, { status: "interrupted", error: run.error, finishedAt: run.finishedAt ?? new Date() });
    return null;
  } catch (e) {
    return text("runError.evidenceUnwritten", { error: quote(e instanceof Error ? e.message : String(e)) });
  }
}

/** Queues the interrupted run again as a retry when the policy allows and attempts are left. */
async function retryInterrupted(runId: number, actor: string): Promise<number | null> {
  const rules = policy();
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  if (
    !rules.retry_interrupted_runs ||
    run.attempt >= rules.max_retry_attempts ||
    run.cancelRequested ||
    run.action === "drill"
  )
    return null;
  if (run.backfillId) {
    const backfill = await db.backfill.findUnique({ where: { id: run.backfillId }, select: { status: true } });
    if (!backfill || backfill.status === "cancelling" || FINISHED_BACKFILL.includes(backfill.status)) return null;
  }
  try {
    const retryId = await queueRun({
      partitionKey: run.partitionKey as PartitionKey,
      action: "retry" satisfies RunAction,
      assets: targetAssets(run.targetAssets),
      operator: run.operator,
      origin: run.origin,
      attempt: run.attempt + 1,
      retryOfRunId: run.id,
      planId: run.planId ?? undefined,
      replayManifestId: run.manifestId ?? undefined,
      restoreSnapshotId: run.snapshotId ?? undefined,
      backfillId: run.backfillId ?? undefined,
      priority: run.priority,
      seq: run.seq,
    });
    await audit({
      actor,
      action: "run.retry",
      target: run.partitionKey,
      outcome: "ok",
      detail: {
        runId: retryId,
        retryOf: run.id,
        attempt: run.attempt + 1,
        why: text("auditText.retryInterrupted"),
      },
    });
    return retryId;
  } catch (e) {
    if (e instanceof ActiveRunError) return null;
    throw e;
  }
}

async function afterInterrupt(ids: number[], actor: string, reason: Text, retry: boolean): Promise<void> {
  for (const id of ids) {
    const problem = await recordInterrupted(id);
    const run = await db.run.findUniqueOrThrow({ where: { id }, select: { partitionKey: true, backfillId: true } });
    await audit({
      actor,
      action: "run.interrupted",
      target: run.partitionKey,
      outcome: "failed",
      detail: { runId: id, reason, ...(problem ? { evidence: problem } : {}) },
    });
    const retryId = retry ? await retryInterrupted(id, actor) : null;
    if (run.backfillId && retryId === null) await db.$transaction((tx) => settleBackfill(tx, run.backfillId!));
  }
}

/** Reclaims every running run whose lease has expired. Returns their ids. */
export async function reclaimExpiredRuns(actor = "system"): Promise<number[]> {
  const expired = (now: Date): Prisma.RunWhereInput => ({
    status: "running",
    OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }],
  });
  const candidates = await db.run.findMany({ where: expired(new Date()), select: { id: true } });
  if (candidates.length === 0) return [];
  const error = text("runError.interrupted");
  const ids = await db.$transaction(async (tx) => {
    // Checked again under the write lock: the worker may have renewed or finished meanwhile.
    const still = await tx.run.findMany({
      where: { id: { in: candidates.map((c) => c.id) }, ...expired(new Date()) },
      select: { id: true },
    });
    const ids = still.map((r) => r.id);
    if (ids.length) await interrupt(tx, ids, error);
    return ids;
  });
  await afterInterrupt(ids, actor, error, true);
  return ids;
}

/** An operator ends a stuck run now (its worker, if alive, writes nothing more). Retry stays the operator's call. */
export async function forceReleaseRun(
  runId: number,
  actor: string,
  reason: string,
): Promise<{ ok: true; message: string; text: Text } | Refused> {
  const error = text("runError.released", { actor, reason });
  const released = await db.$transaction(async (tx) => {
    const run = await tx.run.findUnique({ where: { id: runId }, select: { status: true } });
    if (!run) return refusal("not_found", "engine.runNotFound", { runId });
    if (run.status !== "running") return refusal("conflict", "engine.runNotRunning", { runId, status: run.status });
    await interrupt(tx, [runId], error);
    return null;
  });
  if (released !== null) {
    await audit({
      actor,
      action: "run.release",
      target: `run ${runId}`,
      outcome: "refused",
      detail: { reason: released.text },
    });
    return released;
  }
  await audit({ actor, action: "run.release", target: `run ${runId}`, outcome: "ok", detail: { reason } });
  await afterInterrupt([runId], actor, error, false);
  return { ok: true, ...told("engine.runReleased", { runId }) };
}
