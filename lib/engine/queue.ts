// The run queue in the store: enqueue (a run and its partition locks, atomically), claim (the next run by
// priority, then its backfill's order, under a lease), and lease renewal. docs/decisions/007-worker-and-leases.md.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { partitionInputs } from "@/lib/read-model/inputs";
import type { Lease } from "@/lib/engine/lease";
import { lockBackfill } from "@/lib/engine/backfill";
import { LocalizedError, text, type Text } from "@/lib/i18n/text";

export type RunAction = "scheduled" | "retry" | "rerun" | "replay" | "backfill" | "restore" | "drill";
type Tx = Prisma.TransactionClient;

/** Queuing refused because another run holds the partition. Nothing was queued. */
/** A partition is held by another active run. */
export class ActiveRunError extends LocalizedError {}

export interface RunRequest {
  partitionKey: PartitionKey;
  action: RunAction;
  assets: readonly string[];
  operator: string;
  /** Where the run was asked for: ui, api, cli:<user>, scheduler, system. */
  origin?: string;
  attempt?: number;
  retryOfRunId?: number;
  planId?: string;
  /** replay: re-ingest exactly this manifest's input, merged on the guard into the current rows. */
  replayManifestId?: string;
  /** restore: return the target asset to this snapshot's rows. */
  restoreSnapshotId?: number;
  /** drill: the drill this run's write belongs to. */
  drillId?: number;
  /** The plan's "this day truly has no data" (who: why): input_present passes on 0 input. */
  emptyInputAttestation?: string;
  backfillId?: number;
  /** 2 high, 1 normal (default), 0 low: the queue claims higher first. */
  priority?: number;
  /** Claim order inside the backfill. */
  seq?: number;
}

export const PRIORITIES = { high: 2, normal: 1, low: 0 } as const;

async function insertRun(tx: Tx, req: RunRequest, expectedCount: number): Promise<number> {
  const run = await tx.run.create({
    data: {
      action: req.action,
      partitionKey: req.partitionKey,
      targetAssets: JSON.stringify(req.assets),
      status: "queued",
      attempt: req.attempt ?? 1,
      retryOfRunId: req.retryOfRunId ?? null,
      operator: req.operator,
      origin: req.origin ?? "system",
      planId: req.planId ?? null,
      manifestId: req.replayManifestId ?? null,
      snapshotId: req.restoreSnapshotId ?? null,
      drillId: req.drillId ?? null,
      emptyInputAttestation: req.emptyInputAttestation ?? null,
      backfillId: req.backfillId ?? null,
      priority: req.priority ?? PRIORITIES.normal,
      seq: req.seq ?? 0,
      expectedCount,
    },
  });
  // The lock table's primary key refuses a second active run of the same (asset, partition) — not the UI.
  await tx.partitionLock.createMany({
    data: req.assets.map((assetKey) => ({ partitionKey: req.partitionKey, assetKey, runId: run.id })),
  });
  return run.id;
}

function isLockConflict(e: unknown): boolean {
  return (
    e instanceof Error &&
    /Unique constraint|UNIQUE constraint|P2002/i.test(`${e.message} ${(e as { code?: string }).code ?? ""}`)
  );
}

async function conflictMessage(reqs: RunRequest[]): Promise<Text> {
  const holder = await db.partitionLock.findFirst({
    where: { OR: reqs.map((r) => ({ partitionKey: r.partitionKey, assetKey: { in: [...r.assets] } })) },
    select: { runId: true, partitionKey: true },
  });
  const action = reqs[0]?.action ?? "run";
  return holder
    ? text("engine.activeRunHolder", { action, key: holder.partitionKey, runId: holder.runId })
    : text("engine.activeRunAny", { action });
}

/**
 * Queues runs and takes their partition locks in one transaction: all of them, or none when any partition is
 * held by an active run (ActiveRunError). `within` runs first in the same transaction (e.g. creating the backfill
 * the runs belong to) and may complete each request.
 */
export async function queueRuns(
  reqs: RunRequest[],
  within?: (tx: Tx) => Promise<Partial<RunRequest>>,
): Promise<number[]> {
  if (reqs.length === 0) return [];
  const keys = reqs.map((r) => r.partitionKey).sort();
  // Read before the write transaction: a read through the root client inside it would wait for it forever.
  const inputs = await partitionInputs(keys[0]!, keys.at(-1)!);
  try {
    return await db.$transaction(async (tx) => {
      const extra = within ? await within(tx) : {};
      const ids: number[] = [];
      for (const req of reqs)
        ids.push(await insertRun(tx, { ...req, ...extra }, inputs.get(req.partitionKey)?.expectedInputCount ?? 0));
      return ids;
    });
  } catch (e) {
    if (isLockConflict(e)) throw new ActiveRunError(await conflictMessage(reqs));
    throw e;
  }
}

export async function queueRun(req: RunRequest): Promise<number> {
  return (await queueRuns([req]))[0]!;
}

export interface ClaimedRun {
  id: number;
  lease: Lease;
}

function leaseUntil(leaseMs: number): Date {
  return new Date(Date.now() + leaseMs);
}

/** Marks a queued run as running under this worker's lease; the backfill it belongs to starts running with it. */
async function take(tx: Tx, runId: number, workerId: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const claimed = await tx.run.updateMany({
    where: { id: runId, status: "queued" },
    data: { status: "running", workerId, leaseExpiresAt: leaseUntil(leaseMs), startedAt: now },
  });
  if (claimed.count === 0) return false;
  const run = await tx.run.findUniqueOrThrow({ where: { id: runId }, select: { backfillId: true } });
  if (run.backfillId)
    await tx.backfill.updateMany({
      where: { id: run.backfillId, status: "queued" },
      data: { status: "running", startedAt: now },
    });
  await tx.worker.updateMany({ where: { id: workerId }, data: { currentRunId: runId, heartbeatAt: now } });
  return true;
}

/**
 * The next run to execute, claimed: highest priority first, then backfills in the order they were created and
 * each backfill's own order; runs of a paused or cancelling backfill wait, and a backfill never has more runs
 * running than its max concurrent runs.
 */
export async function claimNextRun(workerId: string, leaseMs: number): Promise<ClaimedRun | null> {
  return db.$transaction(async (tx) => {
    const [next] = await tx.$queryRaw<{ id: number | bigint }[]>`
      SELECT r."id" AS id FROM "Run" r
      LEFT JOIN "Backfill" b ON b."id" = r."backfillId"
      WHERE r."status" = 'queued'
        AND (b."id" IS NULL OR (b."status" IN ('queued', 'running')
             AND (SELECT COUNT(*) FROM "Run" x WHERE x."backfillId" = b."id" AND x."status" = 'running') < b."maxConcurrentRuns"))
      ORDER BY r."priority" DESC, COALESCE(r."backfillId", 0), r."seq", r."id"
      LIMIT 1`;
    if (!next) return null;
    const id = Number(next.id);
    return (await take(tx, id, workerId, leaseMs)) ? { id, lease: { runId: id, workerId, lost: false } } : null;
  });
}

/** The runs that could be claimed now, in the order claimNextRun takes them (what the PostgreSQL queue is told). */
export async function claimableRuns(limit: number): Promise<{ id: number; priority: number }[]> {
  // A backfill offers only as many runs as it has free slots (max concurrent runs − running), in its own order.
  const rows = await db.$queryRaw<{ id: number | bigint; priority: number | bigint }[]>`
    SELECT id, priority FROM (
      SELECT r."id" AS id, r."priority" AS priority, r."backfillId" AS bf, r."seq" AS seq,
             ROW_NUMBER() OVER (PARTITION BY r."backfillId" ORDER BY r."seq", r."id") AS place,
             b."maxConcurrentRuns" - (SELECT COUNT(*) FROM "Run" x WHERE x."backfillId" = b."id" AND x."status" = 'running') AS free
      FROM "Run" r
      LEFT JOIN "Backfill" b ON b."id" = r."backfillId"
      WHERE r."status" = 'queued' AND (b."id" IS NULL OR b."status" IN ('queued', 'running'))
    ) q
    WHERE bf IS NULL OR place <= free
    ORDER BY priority DESC, COALESCE(bf, 0), seq, id
    LIMIT ${limit}`;
  return rows.map((r) => ({ id: Number(r.id), priority: Number(r.priority) }));
}

/**
 * Claims the given queued run if it may start now: its backfill is neither paused nor at its max concurrent runs.
 * The backfill row is locked first, so workers claiming runs of one backfill at once count its running runs one
 * after the other (PostgreSQL, many workers).
 */
export async function claimIfStartable(runId: number, workerId: string, leaseMs: number): Promise<ClaimedRun | null> {
  return db.$transaction(async (tx) => {
    const run = await tx.run.findUnique({ where: { id: runId }, select: { status: true, backfillId: true } });
    if (!run || run.status !== "queued") return null;
    if (run.backfillId) {
      await lockBackfill(tx, run.backfillId);
      const backfill = await tx.backfill.findUniqueOrThrow({
        where: { id: run.backfillId },
        select: { status: true, maxConcurrentRuns: true },
      });
      if (backfill.status !== "queued" && backfill.status !== "running") return null;
      if (
        (await tx.run.count({ where: { backfillId: run.backfillId, status: "running" } })) >= backfill.maxConcurrentRuns
      )
        return null;
    }
    return (await take(tx, runId, workerId, leaseMs)) ? { id: runId, lease: { runId, workerId, lost: false } } : null;
  });
}

/** Claims one given queued run (the seed and drills execute their own runs at once). */
export async function claimRun(runId: number, workerId: string, leaseMs: number): Promise<ClaimedRun | null> {
  const ok = await db.$transaction((tx) => take(tx, runId, workerId, leaseMs));
  return ok ? { id: runId, lease: { runId, workerId, lost: false } } : null;
}

/** Extends the lease; false when the run is no longer this worker's (reclaimed, released or finished). */
export async function renewLease(lease: Lease, leaseMs: number): Promise<boolean> {
  const renewed = await db.run.updateMany({
    where: { id: lease.runId, workerId: lease.workerId, status: "running" },
    data: { leaseExpiresAt: leaseUntil(leaseMs) },
  });
  return renewed.count > 0;
}
