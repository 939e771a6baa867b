// A backfill is an executed plan: one run per included partition, queued together, with a lifecycle operators
// control. Its status is stored (pause and cancel are requests), its progress is counted from its runs: the
// latest run of each partition says where that partition stands.
import type { Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import {
  FINISHED_BACKFILL,
  UNFINISHED_RUN_STATUSES,
  backfillEta,
  type BackfillStatus,
  type RunStatus,
} from "@/lib/domain/backfill";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { onPostgres } from "@/lib/raw";
import { createPlan, requestOf, type CreatePlanResult } from "@/lib/pipeline/plans";
import { getPlan } from "@/lib/read-model/plans";
import { renderRecorded, text, told, type MessageKey, type RecordedValue, type Text } from "@/lib/i18n/text";
import type { Locale } from "@/lib/i18n/locales";
import { errorColumns } from "@/lib/engine/run-error";
import { runErrorText, targetAssets } from "@/lib/store-json";

type Tx = Prisma.TransactionClient;

interface LatestRun {
  partitionKey: string;
  status: string;
}

async function latestRuns(tx: Pick<Tx, "$queryRaw">, backfillId: number): Promise<LatestRun[]> {
  return tx.$queryRaw<LatestRun[]>`
    SELECT r."partitionKey" AS "partitionKey", r."status" AS status FROM "Run" r
    JOIN (SELECT MAX("id") AS id FROM "Run" WHERE "backfillId" = ${backfillId} GROUP BY "partitionKey") l ON l.id = r."id"`;
}

/**
 * Takes the backfill's row for the rest of the transaction on PostgreSQL, where several workers end or claim its
 * runs at once: each then counts the runs after the one before it committed. (Two runs ending together each saw the
 * other still running, and the backfill stayed `running` forever with every run done.) SQLite has one writer.
 */
export async function lockBackfill(tx: Pick<Tx, "$queryRaw">, backfillId: number): Promise<void> {
  if (onPostgres()) await tx.$queryRaw`SELECT "id" FROM "Backfill" WHERE "id" = ${backfillId} FOR UPDATE`;
}

/** Brings the backfill's status up to date with its runs; called in the transaction that ends or cancels a run. */
export async function settleBackfill(tx: Tx, backfillId: number): Promise<void> {
  await lockBackfill(tx, backfillId);
  const backfill = await tx.backfill.findUnique({ where: { id: backfillId } });
  if (!backfill || FINISHED_BACKFILL.includes(backfill.status)) return;
  const latest = await latestRuns(tx, backfillId);
  if (latest.some((r) => r.status === "queued" || r.status === "running")) return;
  const incomplete = latest.some((r) => r.status !== "succeeded");
  const status: BackfillStatus =
    backfill.status === "cancelling" ? "cancelled" : incomplete ? "completed_with_failures" : "completed";
  await tx.backfill.update({ where: { id: backfillId }, data: { status, finishedAt: new Date() } });
}

export interface PartitionProgress {
  partitionKey: string;
  runId: number;
  status: string;
  attempt: number;
  stepsDone: number;
  steps: number;
  rowsAfter: number | null;
  checksFailed: number;
  error: string | null;
  /** The error as a catalog message (null when none, or recorded before it was kept): language-free, for scripts too. */
  errorText: RecordedValue | null;
  /** The error in the reader's language: set by the page and the API (sayErrors), not by the CLI. */
  errorMessage?: string;
}

export interface BackfillProgress {
  id: number;
  planId: string;
  action: string;
  status: BackfillStatus;
  runOrder: string;
  priority: number;
  maxConcurrentRuns: number;
  partitionCount: number;
  firstKey: string;
  lastKey: string;
  reexecutesBackfillId: number | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  counts: { done: number; failed: number; cancelled: number; running: number; queued: number; left: number };
  rowsWritten: number;
  elapsedMs: number;
  /** Estimated time to finish (lib/domain/backfill.ts backfillEta): null while paused or before a run has finished. */
  etaMs: number | null;
  /** In the order the queue takes them. */
  partitions: PartitionProgress[];
}

/** Everything the backfill page and the CLI show, in three queries. */
export async function backfillProgress(id: number): Promise<BackfillProgress | null> {
  const backfill = await db.backfill.findUnique({ where: { id } });
  if (!backfill) return null;
  const [rows, durations] = await Promise.all([
    db.$queryRaw<
      {
        partitionKey: string;
        runId: number | bigint;
        status: string;
        attempt: number | bigint;
        stepsDone: number | bigint;
        targetAssets: string;
        rowsAfter: number | bigint | null;
        checksFailed: number | bigint;
        error: string | null;
        errorText: string | null;
      }[]
    >`
      SELECT r."partitionKey" AS "partitionKey", r."id" AS "runId", r."status" AS status, r."attempt" AS attempt, r."stepsDone" AS "stepsDone",
             r."targetAssets" AS "targetAssets", r."rowsAfter" AS "rowsAfter", r."error" AS error, r."errorText" AS "errorText",
             (SELECT COUNT(*) FROM "CheckResult" c WHERE c."runId" = r."id" AND c."severity" = 'blocking' AND c."passed" = false) AS "checksFailed"
      FROM "Run" r
      JOIN (SELECT MAX("id") AS id FROM "Run" WHERE "backfillId" = ${id} GROUP BY "partitionKey") l ON l.id = r."id"
      ORDER BY r."seq"`,
    db.run.findMany({
      where: {
        backfillId: id,
        status: { in: ["succeeded", "failed"] },
        startedAt: { not: null },
        finishedAt: { not: null },
      },
      select: { startedAt: true, finishedAt: true },
    }),
  ]);
  const partitions: PartitionProgress[] = rows.map((r) => ({
    partitionKey: r.partitionKey,
    runId: Number(r.runId),
    status: r.status,
    attempt: Number(r.attempt),
    stepsDone: Number(r.stepsDone),
    steps: targetAssets(r.targetAssets).length,
    rowsAfter: r.rowsAfter === null ? null : Number(r.rowsAfter),
    checksFailed: Number(r.checksFailed),
    error: r.error,
    errorText: runErrorText(r.errorText),
  }));
  const count = (s: string[]) => partitions.filter((p) => s.includes(p.status)).length;
  const counts = {
    done: count(["succeeded"]),
    failed: count(["failed", "interrupted"]),
    cancelled: count(["cancelled"]),
    running: count(["running"]),
    queued: count(["queued"]),
    left: 0,
  };
  counts.left = counts.running + counts.queued;
  const end = backfill.finishedAt?.getTime() ?? Date.now();
  const elapsedMs = backfill.startedAt ? Math.max(0, end - backfill.startedAt.getTime()) : 0;
  const mean = durations.length
    ? durations.reduce((n, d) => n + (d.finishedAt!.getTime() - d.startedAt!.getTime()), 0) / durations.length
    : null;
  return {
    id: backfill.id,
    planId: backfill.planId,
    action: backfill.action,
    status: backfill.status as BackfillStatus,
    runOrder: backfill.runOrder,
    priority: backfill.priority,
    maxConcurrentRuns: backfill.maxConcurrentRuns,
    partitionCount: backfill.partitionCount,
    firstKey: backfill.firstKey,
    lastKey: backfill.lastKey,
    reexecutesBackfillId: backfill.reexecutesBackfillId,
    createdBy: backfill.createdBy,
    createdAt: backfill.createdAt.toISOString(),
    startedAt: backfill.startedAt?.toISOString() ?? null,
    finishedAt: backfill.finishedAt?.toISOString() ?? null,
    counts,
    rowsWritten: partitions.reduce((n, p) => n + (p.status === "succeeded" ? (p.rowsAfter ?? 0) : 0), 0),
    elapsedMs,
    etaMs: backfillEta({
      status: backfill.status as BackfillStatus,
      meanRunMs: mean,
      left: counts.left,
      maxConcurrentRuns: backfill.maxConcurrentRuns,
    }),
    partitions,
  };
}

/** The progress with each partition's error in `locale` (the page's reader, the API's caller). */
export function sayErrors(progress: BackfillProgress, locale: Locale): BackfillProgress {
  return {
    ...progress,
    partitions: progress.partitions.map((p) =>
      p.error === null ? p : { ...p, errorMessage: renderRecorded(p.errorText, p.error, locale) },
    ),
  };
}

export type ControlResult = { ok: true; message: string; text: Text } | Refused;

async function refuse(actor: string, action: string, backfillId: number, refused: Refused): Promise<ControlResult> {
  await audit({
    actor,
    action: `backfill.${action}`,
    target: `backfill ${backfillId}`,
    outcome: "refused",
    detail: { reason: refused.text },
  });
  return refused;
}

/** Pause: no new run of the backfill starts; a run already started finishes. */
export async function pauseBackfill(id: number, actor: string): Promise<ControlResult> {
  const changed = await db.backfill.updateMany({
    where: { id, status: { in: ["queued", "running"] } },
    data: { status: "paused" },
  });
  if (changed.count === 0)
    return refuse(actor, "pause", id, await notIn(id, "engine.verb.paused", "engine.allowed.queuedOrRunning"));
  await audit({ actor, action: "backfill.pause", target: `backfill ${id}`, outcome: "ok" });
  return { ok: true, ...told("engine.backfillPaused", { id }) };
}

export async function resumeBackfill(id: number, actor: string): Promise<ControlResult> {
  const done = await db.$transaction(async (tx) => {
    const backfill = await tx.backfill.findUnique({ where: { id }, select: { status: true, startedAt: true } });
    if (backfill?.status !== "paused") return false;
    await tx.backfill.update({ where: { id }, data: { status: backfill.startedAt ? "running" : "queued" } });
    await settleBackfill(tx, id);
    return true;
  });
  if (!done) return refuse(actor, "resume", id, await notIn(id, "engine.verb.resumed", "engine.allowed.paused"));
  await audit({ actor, action: "backfill.resume", target: `backfill ${id}`, outcome: "ok" });
  return { ok: true, ...told("engine.backfillResumed", { id }) };
}

/** Cancel all: queued runs are cancelled at once; a running one stops at its next step and its write is undone. */
export async function cancelBackfill(id: number, actor: string): Promise<ControlResult> {
  const result = await db.$transaction(async (tx) => {
    const backfill = await tx.backfill.findUnique({ where: { id }, select: { status: true } });
    if (!backfill || !["queued", "running", "paused"].includes(backfill.status)) return null;
    const now = new Date();
    const queued = await tx.run.findMany({ where: { backfillId: id, status: "queued" }, select: { id: true } });
    await tx.run.updateMany({
      where: { id: { in: queued.map((r) => r.id) } },
      data: {
        status: "cancelled",
        ...errorColumns(text("runError.cancelledWithBackfill", { actor, id })),
        finishedAt: now,
      },
    });
    await tx.partitionLock.deleteMany({ where: { runId: { in: queued.map((r) => r.id) } } });
    const running = await tx.run.updateMany({
      where: { backfillId: id, status: "running" },
      data: { cancelRequested: true },
    });
    await tx.backfill.update({
      where: { id },
      data: running.count > 0 ? { status: "cancelling" } : { status: "cancelled", finishedAt: now },
    });
    return { queued: queued.length, running: running.count };
  });
  if (!result) return refuse(actor, "cancel", id, await notIn(id, "engine.verb.cancelled", "engine.allowed.active"));
  await audit({ actor, action: "backfill.cancel", target: `backfill ${id}`, outcome: "ok", detail: result });
  return {
    ok: true,
    ...told(result.running ? "engine.backfillCancelledRunning" : "engine.backfillCancelled", {
      id,
      queued: result.queued,
    }),
  };
}

/**
 * How many of the backfill's runs may run at once, from now on. More than one needs PostgreSQL (SQLite has one
 * writer); a run already running is never stopped by lowering it — fewer start until the count is under it.
 */
export async function setMaxConcurrentRuns(
  id: number,
  maxConcurrentRuns: number,
  actor: string,
): Promise<ControlResult> {
  if (maxConcurrentRuns > 1 && !onPostgres())
    return refuse(actor, "concurrency", id, refusal("conflict", "engine.concurrencySqlite", { id }));
  const changed = await db.backfill.updateMany({
    where: { id, status: { notIn: [...FINISHED_BACKFILL] } },
    data: { maxConcurrentRuns },
  });
  if (changed.count === 0)
    return refuse(actor, "concurrency", id, await notIn(id, "engine.verb.changed", "engine.allowed.active"));
  await audit({
    actor,
    action: "backfill.concurrency",
    target: `backfill ${id}`,
    outcome: "ok",
    detail: { maxConcurrentRuns },
  });
  return { ok: true, ...told("engine.concurrencySet", { id, max: maxConcurrentRuns }) };
}

async function notIn(id: number, verb: MessageKey, allowed: MessageKey): Promise<Refused> {
  const backfill = await db.backfill.findUnique({ where: { id }, select: { status: true } });
  return backfill
    ? refusal("conflict", "engine.backfillNotIn", {
        id,
        status: backfill.status,
        allowed: text(allowed),
        verb: text(verb),
      })
    : refusal("not_found", "engine.backfillNotFound", { id });
}

/** The partitions whose latest run in the backfill failed, was interrupted or was cancelled. */
export async function unfinishedPartitions(id: number): Promise<{ key: string; status: string }[]> {
  const latest = await latestRuns(db, id);
  return latest
    .filter((r) => UNFINISHED_RUN_STATUSES.includes(r.status as RunStatus))
    .map((r) => ({ key: r.partitionKey, status: r.status }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Re-execute what failed or was cancelled: a fresh dry-run plan of exactly those partitions (the same action;
 * a window keeps its reprocess mode `all`, otherwise failed and missing ones), for the operator to review and
 * execute like any plan — drift-checked, so a partition fixed meanwhile is skipped with its reason.
 */
export async function replanUnfinished(id: number, actor: string): Promise<CreatePlanResult> {
  const backfill = await db.backfill.findUnique({ where: { id } });
  if (!backfill) return refusal("not_found", "engine.backfillNotFound", { id });
  if (!FINISHED_BACKFILL.includes(backfill.status))
    return refusal("conflict", "engine.backfillNotFinished", { id, status: backfill.status });
  const unfinished = await unfinishedPartitions(id);
  const keys = unfinished.map((u) => u.key);
  if (keys.length === 0) return refusal("conflict", "engine.backfillNothingToReexecute", { id });
  const stored = await getPlan(backfill.planId);
  if (!stored) return refusal("not_found", "engine.backfillPlanGone", { id, planId: backfill.planId });
  const original = requestOf(stored.plan);
  const request =
    stored.plan.kind === "window"
      ? {
          from: keys[0],
          to: keys.at(-1),
          reprocess: stored.plan.reprocess_mode === "all" ? "all" : "failed_and_missing",
          only: keys.join(","),
          order: original.order,
          priority: original.priority,
          reexecutes: String(id),
          mode: "dry-run",
        }
      : // A cancelled partition is back where it was: the same request fits. A failed one gets the action that
        // fits it now (retry of a transient failure, otherwise rerun).
        unfinished[0]!.status === "cancelled"
        ? { ...original, reexecutes: String(id), mode: "dry-run" }
        : { partition: keys[0], order: original.order, reexecutes: String(id), mode: "dry-run" };
  return createPlan(request, actor);
}
