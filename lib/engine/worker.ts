// A worker: claims queued runs one at a time and executes them outside the web server — on SQLite by polling the
// store (one writer), on PostgreSQL through pg-boss among any number of workers (lib/engine/pg-queue.ts).
// It registers under a per-boot id, renews its heartbeat and the current run's lease every third of the lease,
// and reclaims runs whose lease expired before claiming new ones. `npm run worker` runs one; the CLI runs one
// in its own process when no worker is alive; the seed and the drills' tests use the process's inline worker.
import crypto from "node:crypto";
import os from "node:os";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { executeClaimedRun, type ExecuteOptions, type RunSummary } from "@/lib/engine/execute-run";
import {
  claimIfStartable,
  claimNextRun,
  claimRun,
  queueRun,
  renewLease,
  type ClaimedRun,
  type RunRequest,
} from "@/lib/engine/queue";
import { announceClaimableRuns, RUN_QUEUE, runQueue, stopRunQueue } from "@/lib/engine/pg-queue";
import { onPostgres } from "@/lib/raw";
import { reclaimExpiredRuns } from "@/lib/engine/recovery";
import { deliverDue } from "@/lib/notify/deliver";
import { noticeWaitingEvidence } from "@/lib/notify/outbox";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WorkerOptions {
  leaseMs?: number;
  pollMs?: number;
  stepDelayMs?: number;
  /** Test knob (lib/engine/execute-run.ts): awaited between two steps of every run. */
  betweenSteps?: ExecuteOptions["betweenSteps"];
  log?: (line: string) => void;
}

export class Worker {
  readonly id = crypto.randomUUID();
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly stepDelayMs: number;
  private readonly betweenSteps: ExecuteOptions["betweenSteps"];
  private readonly log: (line: string) => void;
  private heartbeat: NodeJS.Timeout | undefined;
  private current: ClaimedRun | null = null;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private notifying: Promise<void> | null = null;
  /** An inline worker (the seed's, a test's) counts as alive only while it works: no one should wait on it. */
  private inline = false;

  constructor(options: WorkerOptions = {}) {
    const settings = config().worker;
    this.leaseMs = options.leaseMs ?? settings.leaseMs;
    this.pollMs = options.pollMs ?? settings.pollMs;
    this.stepDelayMs = options.stepDelayMs ?? settings.stepDelayMs;
    this.betweenSteps = options.betweenSteps;
    this.log = options.log ?? (() => {});
  }

  /** Records the worker and starts its heartbeat. `inline`: the process's own worker, used between other work. */
  async register({ inline = false }: { inline?: boolean } = {}): Promise<this> {
    this.inline = inline;
    await db.worker.create({
      data: { id: this.id, host: os.hostname(), pid: process.pid, stoppedAt: inline ? new Date() : null },
    });
    this.heartbeat = setInterval(() => void this.beat(), Math.max(100, Math.floor(this.leaseMs / 3)));
    // An inline worker must not keep its process alive.
    if (inline) this.heartbeat.unref();
    return this;
  }

  private async working<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.inline) return fn();
    await db.worker.updateMany({ where: { id: this.id }, data: { stoppedAt: null, heartbeatAt: new Date() } });
    try {
      return await fn();
    } finally {
      await db.worker.updateMany({ where: { id: this.id }, data: { stoppedAt: new Date() } });
    }
  }

  private async beat(): Promise<void> {
    try {
      await db.worker.updateMany({ where: { id: this.id }, data: { heartbeatAt: new Date() } });
      const current = this.current;
      if (current && !current.lease.lost && !(await renewLease(current.lease, this.leaseMs))) {
        // Reclaimed by another worker or released by an operator: every further write of the run refuses.
        if (this.current === current) current.lease.lost = true;
      }
    } catch (e) {
      this.log(`heartbeat failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async execute(claimed: ClaimedRun): Promise<RunSummary | null> {
    this.current = claimed;
    try {
      const summary = await executeClaimedRun(claimed, {
        stepDelayMs: this.stepDelayMs,
        betweenSteps: this.betweenSteps,
      });
      this.log(
        summary
          ? `run ${summary.runId} ${summary.partitionKey}: ${summary.status}${summary.error ? ` (${summary.error})` : ""}`
          : `run ${claimed.id}: lease lost, stopped`,
      );
      return summary;
    } catch (e) {
      // A bug in one run must not stop the queue: its lease is no longer renewed, so it is reclaimed as interrupted.
      this.log(`run ${claimed.id} crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return null;
    } finally {
      this.current = null;
    }
  }

  /** Reclaims expired leases, then claims and executes the next run. Returns false when there was none. */
  async workOnce(): Promise<boolean> {
    await reclaimExpiredRuns(`worker ${this.id.slice(0, 8)}`);
    const claimed = await claimNextRun(this.id, this.leaseMs);
    if (!claimed) return false;
    await this.execute(claimed);
    return true;
  }

  /** Executes one given queued run now (the seed, drills, tests). */
  async executeRun(runId: number): Promise<RunSummary | null> {
    return this.working(async () => {
      const claimed = await claimRun(runId, this.id, this.leaseMs);
      if (!claimed) throw new Error(`run ${runId} was not queued or was claimed by another worker`);
      return this.execute(claimed);
    });
  }

  /** Delivers the notification outbox beside the queue, so a long run never delays an announcement. */
  private async notifyLoop(): Promise<void> {
    while (!this.stopping) {
      try {
        await noticeWaitingEvidence();
        await deliverDue();
      } catch (e) {
        this.log(`notifications: ${e instanceof Error ? e.message : String(e)}`);
      }
      await sleep(Math.max(this.pollMs, 500));
    }
  }

  /**
   * On PostgreSQL, a worker among many: pg-boss hands it one job at a time ("try to start run N"); beside that it
   * reclaims expired leases and announces the runs that may start now, as every worker does.
   */
  private async runOnQueue(): Promise<void> {
    let boss: Awaited<ReturnType<typeof runQueue>> | null = null;
    // A database that is down or busy at start-up delays the worker; it does not end it.
    while (!boss && !this.stopping) {
      boss = await runQueue().catch((e: unknown) => {
        this.log(`queue: cannot start (${e instanceof Error ? e.message : String(e)}); trying again`);
        return null;
      });
      if (!boss) await sleep(Math.max(this.pollMs, 500));
    }
    if (!boss) return;
    const queueWorker: string = await boss.work<{ runId: number }>(
      RUN_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, this.pollMs / 1000) },
      async ([job]) => {
        if (this.stopping || !job) return;
        const claimed = await claimIfStartable(job.data.runId, this.id, this.leaseMs);
        if (!claimed) return;
        await this.execute(claimed);
        // The slot this run held is free: announce what may start now and ask for it at once — pg-boss would
        // otherwise wait out its polling interval after every run (measured: 587 ms per partition, mostly waiting).
        await announceClaimableRuns().catch((e: unknown) =>
          this.log(`queue: ${e instanceof Error ? e.message : String(e)}`),
        );
        boss.notifyWorker(queueWorker);
      },
    );
    while (!this.stopping) {
      try {
        await reclaimExpiredRuns(`worker ${this.id.slice(0, 8)}`);
        if ((await announceClaimableRuns()) > 0) boss.notifyWorker(queueWorker);
      } catch (e) {
        this.log(`queue: ${e instanceof Error ? e.message : String(e)}`);
      }
      await sleep(Math.max(this.pollMs, 200));
    }
    // Waits for the job in hand (the current run) to finish.
    await boss.offWork(RUN_QUEUE);
  }

  /** Works the queue until stopped, or until `until()` holds (checked after each run and each idle poll). */
  run(until?: () => Promise<boolean>): Promise<void> {
    if (!until) this.notifying ??= this.notifyLoop();
    if (!until && onPostgres()) {
      this.loop ??= this.runOnQueue().finally(() => {
        this.loop = null;
      });
      return this.loop;
    }
    this.loop ??= (async () => {
      while (!this.stopping) {
        let worked = false;
        try {
          worked = await this.workOnce();
        } catch (e) {
          this.log(`queue: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (until && (await until())) break;
        if (!worked) await sleep(this.pollMs);
      }
    })().finally(() => {
      this.loop = null;
    });
    return this.loop;
  }

  /** Works until no run can be claimed (runs of paused backfills stay queued). */
  async drain(): Promise<void> {
    await this.working(async () => {
      while (await this.workOnce());
    });
  }

  /** Finishes the current run, then stops: heartbeat off, recorded as stopped. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    await this.notifying;
    clearInterval(this.heartbeat);
    if (onPostgres()) await stopRunQueue();
    await db.worker.updateMany({ where: { id: this.id }, data: { stoppedAt: new Date(), currentRunId: null } });
  }
}

export interface LiveWorker {
  id: string;
  host: string;
  pid: number;
  startedAt: Date;
  heartbeatAt: Date;
  currentRunId: number | null;
}

/** Workers whose heartbeat is fresher than one lease and that have not stopped. */
export async function liveWorkers(exceptId?: string): Promise<LiveWorker[]> {
  const since = new Date(Date.now() - config().worker.leaseMs);
  return db.worker.findMany({
    where: { stoppedAt: null, heartbeatAt: { gte: since }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    orderBy: { startedAt: "asc" },
    select: { id: true, host: true, pid: true, startedAt: true, heartbeatAt: true, currentRunId: true },
  });
}

const globalForWorker = globalThis as unknown as { partitionDeskInlineWorker?: Promise<Worker> };

/** The process's own worker for work it does itself (the seed, a CLI without a live worker, tests). */
export function inlineWorker(): Promise<Worker> {
  return (globalForWorker.partitionDeskInlineWorker ??= new Worker({ stepDelayMs: 0 }).register({ inline: true }));
}

/** Queues a run and executes it in this process at once (the seed and the generator build this way). */
export async function runNow(req: RunRequest): Promise<RunSummary> {
  const id = await queueRun(req);
  const summary = await (await inlineWorker()).executeRun(id);
  if (!summary) throw new Error(`run ${id} lost its lease while running in this process`);
  return summary;
}

/** Executes every claimable queued run in this process. */
export async function drainQueue(): Promise<void> {
  await (await inlineWorker()).drain();
}

/** The workers page: every live worker, then the most recently stopped or silent ones. */
export async function workerRoster(
  stoppedShown = 20,
): Promise<{ live: LiveWorker[]; gone: (LiveWorker & { stoppedAt: Date | null })[] }> {
  const live = await liveWorkers();
  const gone = await db.worker.findMany({
    where: { id: { notIn: live.map((w) => w.id) } },
    orderBy: { heartbeatAt: "desc" },
    take: stoppedShown,
    select: {
      id: true,
      host: true,
      pid: true,
      startedAt: true,
      heartbeatAt: true,
      currentRunId: true,
      stoppedAt: true,
    },
  });
  return { live, gone };
}
