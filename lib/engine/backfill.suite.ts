// The backfill lifecycle on the seeded scenario, with a real (in-process) worker: pause, resume, cancel all —
// a run cancelled mid-way leaves its partition exactly as it was — re-executing what was cancelled, priorities and
// runs at once. One suite for both stores: lib/engine/backfill.test.ts runs it on SQLite (the worker polls the
// store), lib/engine/backfill.postgres.test.ts on a real PostgreSQL server (the worker takes jobs from pg-boss, so
// pause and cancel reach runs it has already claimed).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import {
  backfillProgress,
  cancelBackfill,
  pauseBackfill,
  replanUnfinished,
  resumeBackfill,
  setMaxConcurrentRuns,
  settleBackfill,
} from "@/lib/engine/backfill";
import { cancelRun, executePlan } from "@/lib/engine/execute-plan";
import { RUN_QUEUE, announceClaimableRuns, runQueue, stopRunQueue } from "@/lib/engine/pg-queue";
import { claimNextRun, claimableRuns, PRIORITIES } from "@/lib/engine/queue";
import { Worker } from "@/lib/engine/worker";
import { approvePlan } from "@/lib/pipeline/plan-approval";
import { createPlan } from "@/lib/pipeline/plans";
import { partitionStatuses } from "@/lib/read-model/partitions";
import { waitFor } from "@/lib/test-support";

const operator = "operator@example.com";
let worker: Worker | null = null;

async function execute(request: Record<string, string>) {
  const made = await createPlan(request, operator);
  if (!made.ok) throw new Error(made.message);
  if (made.plan.approval_required)
    await approvePlan(made.plan.plan_id, "lead@example.com", "test: the second person agrees");
  const done = await executePlan(made.plan.plan_id, operator, { confirmWithdraw: true });
  if (!done.ok) throw new Error(done.message);
  return done;
}

/** Both main tables' rows of a partition, every column. */
async function rowsOf(key: string) {
  return {
    raw: await db.rawTicketEvent.findMany({ where: { partitionKey: key }, orderBy: { ticketId: "asc" } }),
    silver: await db.silverTicketFact.findMany({ where: { partitionKey: key }, orderBy: { ticketId: "asc" } }),
  };
}

async function statusesOf(key: string) {
  return (await partitionStatuses(key as PartitionKey, key as PartitionKey)).map((s) => s.status);
}

/** Lets a held worker go on (afterEach too: a failed test must not leave its worker's stop waiting forever). */
let release = () => {};

/** A worker held between the first and second step of its run until the test lets it go on. */
async function heldWorker() {
  let reached!: () => void;
  const atSecondStep = new Promise<void>((r) => (reached = r));
  const goOn = new Promise<void>((r) => (release = r));
  const held = await new Worker({
    betweenSteps: async () => {
      reached();
      await goOn;
    },
  }).register();
  void held.run();
  return { held, atSecondStep };
}

const runStatus = (id: number) =>
  db.run.findUniqueOrThrow({ where: { id }, select: { status: true, stepsDone: true } });

export function backfillSuite(store: "sqlite" | "postgresql", prepare: () => void | Promise<void>): void {
  beforeAll(prepare);
  afterEach(async () => {
    release();
    await worker?.stop();
    worker = null;
  });

  describe("cancel", () => {
    it("stops a running run at its next step and undoes its write: the partition keeps its rows and its status", async () => {
      // 2026-03-15 is stale (manifest 002 arrived after it was built): a rerun rewrites raw from 23 to 28 rows.
      const before = await rowsOf("2026-03-15");
      expect(before.raw).toHaveLength(23);
      expect(await statusesOf("2026-03-15")).toEqual(["stale", "stale", "stale"]);
      const { runIds, backfillId } = await execute({ partition: "2026-03-15", action: "rerun" });
      const { held, atSecondStep } = await heldWorker();
      worker = held;
      await atSecondStep; // raw is written; silver has not started
      expect((await runStatus(runIds[0]!)).stepsDone).toBe(1);
      expect((await rowsOf("2026-03-15")).raw).toHaveLength(28);
      expect(await cancelRun(runIds[0]!, operator)).toMatchObject({
        ok: true,
        message: expect.stringMatching(/stops at its next step; what it wrote is undone/),
      });
      release();
      await waitFor("the run to end", async () => (await runStatus(runIds[0]!)).status === "cancelled");
      expect(await rowsOf("2026-03-15")).toEqual(before);
      expect(await statusesOf("2026-03-15")).toEqual(["stale", "stale", "stale"]);
      expect((await db.materialization.findMany({ where: { runId: runIds[0]! } })).map((m) => m.status)).toEqual([
        "reverted",
      ]);
      expect(await db.backfill.findUniqueOrThrow({ where: { id: backfillId } })).toMatchObject({
        status: "completed_with_failures",
      });
      expect(await db.partitionLock.count()).toBe(0);
    });

    it("of a never-built partition after its raw step leaves it missing, with no rows", async () => {
      const { runIds } = await execute({ partition: "2026-04-17" });
      const { held, atSecondStep } = await heldWorker();
      worker = held;
      await atSecondStep;
      expect((await rowsOf("2026-04-17")).raw).toHaveLength(3);
      await cancelRun(runIds[0]!, operator);
      release();
      await waitFor("the run to end", async () => (await runStatus(runIds[0]!)).status === "cancelled");
      expect(await rowsOf("2026-04-17")).toEqual({ raw: [], silver: [] });
      expect(await statusesOf("2026-04-17")).toEqual(["missing", "missing", "missing"]);
      // The cancelled run's evidence says what happened.
      const evidence = JSON.parse((await db.evidence.findUniqueOrThrow({ where: { runId: runIds[0]! } })).document) as {
        status: string;
        assets: { status: string }[];
      };
      expect(evidence).toMatchObject({ status: "cancelled", assets: [{ status: "reverted" }] });
    });
  });

  describe("a backfill's lifecycle", () => {
    it("pauses (no new run starts), resumes, cancels all, and re-executes exactly the cancelled partitions", async () => {
      const { backfillId, runIds } = await execute({
        from: "2026-03-02",
        to: "2026-03-08",
        reprocess: "all",
        order: "oldest_first",
      });
      expect(runIds).toHaveLength(7);
      worker = await new Worker({ stepDelayMs: 60 }).register();
      void worker.run();
      await waitFor("two partitions done", async () => (await backfillProgress(backfillId))!.counts.done >= 2);
      expect(await pauseBackfill(backfillId, operator)).toMatchObject({ ok: true });
      await waitFor(
        "the running run to finish",
        async () => (await backfillProgress(backfillId))!.counts.running === 0,
      );
      const paused = (await backfillProgress(backfillId))!;
      await new Promise((r) => setTimeout(r, 500));
      expect((await backfillProgress(backfillId))!.counts).toEqual(paused.counts); // nothing started while paused
      expect(paused.status).toBe("paused");
      expect(paused.counts.queued).toBeGreaterThan(0);

      expect(await resumeBackfill(backfillId, operator)).toMatchObject({ ok: true });
      await waitFor(
        "one more partition done",
        async () => (await backfillProgress(backfillId))!.counts.done > paused.counts.done,
      );
      expect(await cancelBackfill(backfillId, operator)).toMatchObject({ ok: true });
      const cancelled = await waitFor("the backfill to be cancelled", async () => {
        const p = (await backfillProgress(backfillId))!;
        return p.status === "cancelled" ? p : null;
      });
      expect(cancelled.counts.left).toBe(0);
      expect(cancelled.counts.done + cancelled.counts.cancelled).toBe(7);
      expect(cancelled.counts.cancelled).toBeGreaterThan(0);
      // Oldest first: the partitions done are the oldest ones.
      const done = cancelled.partitions.filter((p) => p.status === "succeeded").map((p) => p.partitionKey);
      expect(done).toEqual(cancelled.partitions.slice(0, done.length).map((p) => p.partitionKey));

      const replanned = await replanUnfinished(backfillId, operator);
      if (!replanned.ok) throw new Error(replanned.message);
      const cancelledKeys = cancelled.partitions
        .filter((p) => p.status === "cancelled")
        .map((p) => p.partitionKey)
        .sort();
      expect(replanned.plan).toMatchObject({
        kind: "window",
        reprocess_mode: "all",
        selection: cancelledKeys,
        reexecutes_backfill_id: backfillId,
        run_order: "oldest_first",
      });
      expect(replanned.plan.partitions.filter((p) => p.included).map((p) => p.partition_key)).toEqual(cancelledKeys);
      // The cancelled days are still released: rewriting them needs a second approval. The lead approved the window,
      // and the re-execution is the same rewrite of a subset of its days on the same input: that approval carries.
      expect(replanned.plan.approval_required).not.toBeNull();
      // Not to a re-execution the approver plans: four eyes hold for that plan too, and the server says why.
      const byApprover = await replanUnfinished(backfillId, "lead@example.com");
      if (!byApprover.ok) throw new Error(byApprover.message);
      expect(byApprover.plan.plan_id).not.toBe(replanned.plan.plan_id);
      expect(await executePlan(byApprover.plan.plan_id, "lead@example.com", { confirmWithdraw: true })).toMatchObject({
        ok: false,
        code: "conflict",
        message: expect.stringMatching(
          /needs a second person's approval before it executes: .*The approval of plan [0-9a-f]{16}, which this plan re-executes, does not carry over: lead@example.com approved plan [0-9a-f]{16} and made this re-execution/,
        ),
      });
      expect(await approvePlan(replanned.plan.plan_id, "reviewer@example.com", "test: approve again")).toMatchObject({
        ok: false,
        code: "conflict",
        message: expect.stringMatching(/already carries the approval lead@example.com gave plan [0-9a-f]{16}$/),
      });
      const again = await executePlan(replanned.plan.plan_id, operator, { confirmWithdraw: true });
      if (!again.ok) throw new Error(again.message);
      await waitFor(
        "the re-execution to complete",
        async () => (await backfillProgress(again.backfillId))!.status === "completed",
      );
      expect(await db.backfill.findUniqueOrThrow({ where: { id: again.backfillId } })).toMatchObject({
        reexecutesBackfillId: backfillId,
      });
    });

    it("refuses what its status does not allow, with the reason", async () => {
      const { backfillId } = await execute({ partition: "2026-03-10", action: "rerun" });
      worker = await new Worker().register();
      await worker.drain();
      expect(await pauseBackfill(backfillId, operator)).toMatchObject({
        ok: false,
        code: "conflict",
        message: `backfill ${backfillId} is completed; only a queued or running backfill can be paused`,
      });
      expect(await resumeBackfill(backfillId, operator)).toMatchObject({
        ok: false,
        code: "conflict",
        message: `backfill ${backfillId} is completed; only a paused backfill can be resumed`,
      });
      expect(await cancelBackfill(backfillId, operator)).toMatchObject({
        ok: false,
        code: "conflict",
        message: `backfill ${backfillId} is completed; only a queued, running or paused backfill can be cancelled`,
      });
      expect(await replanUnfinished(backfillId, operator)).toMatchObject({
        ok: false,
        code: "conflict",
        message: `backfill ${backfillId} has no failed or cancelled partitions to re-execute`,
      });
      expect(await pauseBackfill(999_999, operator)).toMatchObject({
        ok: false,
        code: "not_found",
        message: "backfill 999999 does not exist",
      });
    });
  });

  describe("priority", () => {
    it("a single-partition restore goes ahead of a long backfill's remaining partitions", async () => {
      const long = await execute({ from: "2026-03-11", to: "2026-03-20", reprocess: "all" });
      // On PostgreSQL the long backfill's next run is in the queue before the restore exists: only its priority can put the restore first.
      if (store === "postgresql") expect(await announceClaimableRuns()).toBeGreaterThanOrEqual(1);
      const restore = await execute({ partition: "2026-04-09", action: "restore" });
      expect(await db.backfill.findUniqueOrThrow({ where: { id: restore.backfillId } })).toMatchObject({
        priority: PRIORITIES.high,
      });
      if (store === "sqlite") {
        const first = await claimNextRun("test-claimer", 60_000);
        expect(first?.id).toBe(restore.runIds[0]);
        const second = await claimNextRun("test-claimer", 60_000);
        expect(long.runIds).toContain(second?.id);
        // Leave the store as a worker would find it: release the two claims.
        await db.run.updateMany({
          where: { id: { in: [first!.id, second!.id] } },
          data: { status: "queued", workerId: null, leaseExpiresAt: null },
        });
      } else {
        // On PostgreSQL the order is pg-boss's: each run is a job with its run's priority, and the queue hands out
        // the highest first, whichever worker asks.
        expect(await announceClaimableRuns()).toBeGreaterThanOrEqual(1);
        // One job at a time, as a worker takes them (a batch comes back in no particular order). Jobs of runs earlier
        // tests finished may still wait in the queue (their claim would be refused): the first of these two decides.
        const boss = await runQueue();
        let first: number | undefined;
        for (let i = 0; i < 50 && first === undefined; i++) {
          const [job] = await boss.fetch<{ runId: number }>(RUN_QUEUE, { batchSize: 1 });
          if (!job) break;
          if (job.data.runId === restore.runIds[0] || long.runIds.includes(job.data.runId)) first = job.data.runId;
        }
        expect(first).toBe(restore.runIds[0]);
        await stopRunQueue();
      }
      await cancelBackfill(long.backfillId, operator);
      await cancelBackfill(restore.backfillId, operator);
    });
  });

  describe("runs at once", () => {
    it.runIf(store === "postgresql")("two runs ending at the same moment still settle their backfill", async () => {
      const { backfillId, runIds } = await execute({ from: "2026-04-01", to: "2026-04-02", reprocess: "all" });
      expect(runIds).toHaveLength(2);
      await db.run.updateMany({ where: { id: { in: runIds } }, data: { status: "running" } });
      // Each transaction ends its run, then waits until the other has ended its own, then settles the backfill.
      await Promise.all(
        runIds.map((id) =>
          db.$transaction(async (tx) => {
            await tx.run.update({ where: { id }, data: { status: "succeeded", finishedAt: new Date() } });
            await tx.$executeRaw`SELECT pg_sleep(0.3)`;
            await settleBackfill(tx, backfillId);
          }),
        ),
      );
      expect(await db.backfill.findUniqueOrThrow({ where: { id: backfillId } })).toMatchObject({ status: "completed" });
      await db.partitionLock.deleteMany({ where: { runId: { in: runIds } } });
    });

    it(
      store === "sqlite"
        ? "stay one on SQLite (one writer): more is refused with the reason and changes nothing"
        : "can be raised on PostgreSQL: the queue offers that many of the backfill's runs",
      async () => {
        const { backfillId, runIds } = await execute({ from: "2026-03-25", to: "2026-03-31", reprocess: "all" });
        expect(await claimableRuns(50)).toEqual([expect.objectContaining({ id: runIds[0] })]);
        const result = await setMaxConcurrentRuns(backfillId, 3, operator);
        if (store === "sqlite") {
          expect(result).toMatchObject({
            ok: false,
            code: "conflict",
            message: `backfill ${backfillId}: this store is SQLite, which has one writer, so its runs go one at a time; more than one at once needs PostgreSQL`,
          });
          expect(await db.backfill.findUniqueOrThrow({ where: { id: backfillId } })).toMatchObject({
            maxConcurrentRuns: 1,
          });
          expect(await claimableRuns(50)).toHaveLength(1);
        } else {
          expect(result).toMatchObject({
            ok: true,
            message: `backfill ${backfillId}: at most 3 runs at once from now on`,
          });
          expect((await claimableRuns(50)).map((r) => r.id)).toEqual(runIds.slice(0, 3));
        }
        expect(
          await db.auditEvent.findFirst({ where: { action: "backfill.concurrency" }, orderBy: { id: "desc" } }),
        ).toMatchObject({ outcome: store === "sqlite" ? "refused" : "ok" });
        await cancelBackfill(backfillId, operator);
        expect(await setMaxConcurrentRuns(backfillId, 1, operator)).toMatchObject({
          ok: false,
          code: "conflict",
          message: `backfill ${backfillId} is cancelled; only a queued, running or paused backfill can be changed`,
        });
      },
    );
  });
}
