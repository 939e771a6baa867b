// Workers on PostgreSQL coordinate through pg-boss (docs/decisions/010-postgresql-and-a-job-queue.md): any worker
// tells the queue which runs may start now (one job per run, deduplicated by its key), and pg-boss hands each job
// to exactly one worker, on any machine, highest priority first. The Run row stays the record; a job only says
// "try to start run N" — the claim itself (lib/engine/queue.ts) re-checks the run, its backfill's pause and its
// max concurrent runs, and takes the lease.
import type PgBoss from "pg-boss";
import { config } from "@/lib/config";
import { claimableRuns } from "@/lib/engine/queue";
import { pgTransaction } from "@/lib/pg";

export const RUN_QUEUE = "partition-desk-run";
/** A run asked for again when still queued this long after it was announced (its claim was refused meanwhile). */
const ANNOUNCE_AGAIN_MS = 1_000;

const globalForBoss = globalThis as unknown as { partitionDeskBoss?: Promise<PgBoss> };

export function runQueue(): Promise<PgBoss> {
  return (globalForBoss.partitionDeskBoss ??= (async () => {
    const { store } = config();
    if (store.provider !== "postgresql") throw new Error("the job queue runs on PostgreSQL only");
    // Loaded on PostgreSQL only (a worker on SQLite never needs it).
    const { default: PgBoss } = await import("pg-boss");
    const boss = new PgBoss({ connectionString: store.url, schema: "pgboss", max: 4 });
    boss.on("error", (e) => console.error(`pg-boss: ${e.message}`));
    await boss.start();
    await createRunQueue(boss);
    return boss;
  })().catch((e: unknown) => {
    // A failed start is not kept: the next call tries again.
    globalForBoss.partitionDeskBoss = undefined;
    throw e;
  }));
}

async function createRunQueue(boss: PgBoss): Promise<void> {
  if (await boss.getQueue(RUN_QUEUE)) return;
  // pg-boss's create_queue deadlocks when several processes create the same queue at once (measured: 13 of 45
  // simultaneous worker starts failed), so creators take turns under one advisory lock.
  await pgTransaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('partition-desk-run-queue'))");
    // "short": at most one waiting job per key — however many workers announce a run, it waits in the queue once.
    if (!(await boss.getQueue(RUN_QUEUE))) await boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, policy: "short" });
  });
}

export async function stopRunQueue(): Promise<void> {
  const boss = globalForBoss.partitionDeskBoss;
  globalForBoss.partitionDeskBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, wait: true });
}

const announced = new Map<number, number>();

/** Sends a job for each run that may start now and was not announced in the last few seconds; returns how many. */
export async function announceClaimableRuns(limit = 20): Promise<number> {
  const boss = await runQueue();
  const now = Date.now();
  let sent = 0;
  for (const run of await claimableRuns(limit)) {
    if ((announced.get(run.id) ?? 0) > now - ANNOUNCE_AGAIN_MS) continue;
    announced.set(run.id, now);
    // One live job per run, whichever worker announces it; a dead worker's job expires and is retried.
    const id = await boss.send(
      RUN_QUEUE,
      { runId: run.id },
      { priority: run.priority, singletonKey: `run-${run.id}`, retryLimit: 3, expireInSeconds: 3600 },
    );
    if (id) sent += 1;
  }
  for (const [runId, at] of announced) if (at < now - 60_000) announced.delete(runId);
  return sent;
}
