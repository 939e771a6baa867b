// A claimed run is held under a lease: its worker's per-boot id and an expiry the worker keeps renewing. Every
// write the run makes first checks, inside its own transaction, that the run is still running under this
// worker — so a worker that was frozen past its lease and wakes up writes nothing more.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { rawRows } from "@/lib/raw";
import { statement } from "@/lib/sqlite";

export class LeaseLost extends Error {}

export interface Lease {
  runId: number;
  workerId: string;
  /** Set once any check finds the lease gone; every later write refuses at once. */
  lost: boolean;
}

function lost(lease: Lease, found: { status: string; workerId: string | null } | undefined | null): never {
  lease.lost = true;
  throw new LeaseLost(
    `run ${lease.runId}: this worker (${lease.workerId.slice(0, 8)}) lost its lease${found ? ` — the run is ${found.status}${found.workerId && found.workerId !== lease.workerId ? ` under worker ${found.workerId.slice(0, 8)}` : ""}` : ""}; writing nothing more`,
  );
}

/** The lease check before a file write, on either store. */
export async function checkLease(lease: Lease): Promise<void> {
  if (lease.lost) lost(lease, null);
  const [found] = await rawRows<{ status: string; workerId: string | null }>(
    `SELECT "status", "workerId" FROM "Run" WHERE "id" = ?`,
    lease.runId,
  );
  if (!found || found.status !== "running" || found.workerId !== lease.workerId) lost(lease, found);
}

/** The PostgreSQL write's fence: locks the run row in the write's own transaction (through `query`) and refuses,
 *  as every lease check does, when the run is no longer this worker's. */
export async function lockLease(
  lease: Lease,
  query: <T>(sql: string, params: unknown[]) => Promise<T[]>,
): Promise<void> {
  if (lease.lost) lost(lease, null);
  const [found] = await query<{ status: string; workerId: string | null }>(
    `SELECT "status", "workerId" FROM "Run" WHERE "id" = ? FOR UPDATE`,
    [lease.runId],
  );
  if (!found || found.status !== "running" || found.workerId !== lease.workerId) lost(lease, found);
}

/** Synchronous check inside SQLite raw-connection transactions. */
export function assertLease(lease: Lease): void {
  if (lease.lost) lost(lease, null);
  const found = statement(`SELECT "status", "workerId" FROM "Run" WHERE "id" = ?`).get(lease.runId) as
    { status: string; workerId: string | null } | undefined;
  if (!found || found.status !== "running" || found.workerId !== lease.workerId) lost(lease, found);
}

/** One write transaction of the run, refused (writing nothing) when the lease is gone. `fn` also learns whether
 *  an operator asked the run to stop. */
export async function leased<T>(
  lease: Lease,
  fn: (tx: Prisma.TransactionClient, run: { cancelRequested: boolean }) => Promise<T>,
): Promise<T> {
  if (lease.lost) lost(lease, null);
  return db.$transaction(async (tx) => {
    const found = await tx.run.findUnique({
      where: { id: lease.runId },
      select: { status: true, workerId: true, cancelRequested: true },
    });
    if (!found || found.status !== "running" || found.workerId !== lease.workerId) lost(lease, found);
    return fn(tx, found);
  });
}
