// Leases, not process ids, with real worker processes: a worker frozen mid-run (SIGSTOP) loses its run to a
// second worker once the lease expires; the second finishes it with exactly the expected rows; the first,
// thawed (SIGCONT), writes nothing more. An operator can force-release a stuck run. A worker told to stop finishes
// its run first.
import fs from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { executePlan } from "@/lib/engine/execute-plan";
import { forceReleaseRun } from "@/lib/engine/recovery";
import { createPlan } from "@/lib/pipeline/plans";
import { spawnWorker, useSeededStore, waitFor } from "@/lib/test-support";

const workers: ReturnType<typeof spawnWorker>[] = [];
afterEach(() => {
  for (const w of workers.splice(0)) {
    w.child.kill("SIGCONT");
    w.child.kill("SIGKILL");
  }
});

beforeAll(() => useSeededStore());

async function execute(request: Record<string, string>) {
  const made = await createPlan(request, "operator@example.com");
  if (!made.ok) throw new Error(made.message);
  const done = await executePlan(made.plan.plan_id, "operator@example.com", { confirmWithdraw: true });
  if (!done.ok) throw new Error(done.message);
  return done;
}

/** A worker process that froze itself between two steps of its run (PARTITION_DESK_STOP_AT, lib/pipeline/crash-points.ts). */
function frozenBetweenSteps(env: Record<string, string> = {}) {
  const worker = spawnWorker({ PARTITION_DESK_STOP_AT: "between_steps", ...env });
  workers.push(worker);
  const stopped = () => fs.readFileSync(`/proc/${worker.child.pid}/stat`, "utf8").split(") ")[1]!.startsWith("T");
  return { worker, frozen: waitFor("the worker to stop between two steps", async () => stopped()) };
}

/** Everything a run writes: main-table rows, steps, checks, evidence, snapshots, locks. */
async function written() {
  const [raw, silver, materializations, checks, evidence, snapshots, locks, runs] = await Promise.all([
    db.rawTicketEvent.findMany({ orderBy: { id: "asc" } }),
    db.silverTicketFact.findMany({ orderBy: { id: "asc" } }),
    db.materialization.findMany({ orderBy: { id: "asc" } }),
    db.checkResult.count(),
    db.evidence.count(),
    db.snapshot.count(),
    db.partitionLock.count(),
    db.run.findMany({
      orderBy: { id: "asc" },
      select: { id: true, status: true, workerId: true, stepsDone: true, rowsDone: true },
    }),
  ]);
  return { raw, silver, materializations, checks, evidence, snapshots, locks, runs };
}

describe("a worker frozen mid-run", () => {
  it("loses the run to another worker after its lease; thawed, it writes nothing more", async () => {
    const { runIds, backfillId } = await execute({ partition: "2026-04-17" });
    const runId = runIds[0]!;
    // Frozen after raw, before silver: outside any transaction, its heartbeat stopped with it.
    const { worker: frozen, frozen: stopped } = frozenBetweenSteps();
    await stopped;
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).stepsDone).toBe(1);
    const frozenId = (await db.run.findUniqueOrThrow({ where: { id: runId } })).workerId;

    const rescuer = spawnWorker();
    workers.push(rescuer);
    await waitFor(
      "the backfill to finish",
      async () => (await db.backfill.findUniqueOrThrow({ where: { id: backfillId } })).finishedAt,
    );
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "interrupted",
      workerId: frozenId,
    });
    const retry = await db.run.findFirstOrThrow({ where: { retryOfRunId: runId } });
    expect(retry).toMatchObject({ status: "succeeded", attempt: 2, rowsAfter: 3 });
    expect(retry.workerId).not.toBe(frozenId);
    expect(await db.silverTicketFact.count({ where: { partitionKey: "2026-04-17" } })).toBe(3);
    expect(await db.rawTicketEvent.count({ where: { partitionKey: "2026-04-17" } })).toBe(3);

    const before = await written();
    frozen.child.kill("SIGCONT");
    // It wakes where it stopped, before its next step: the lease check refuses every write.
    await waitFor("the thawed worker to notice", async () => /lost its lease/.test(frozen.output()));
    await new Promise((r) => setTimeout(r, 500));
    expect(await written()).toEqual(before);
  });
});

describe("force release", () => {
  it("ends a stuck run now (audited, with the reason); its worker writes nothing more", async () => {
    const { runIds } = await execute({ from: "2026-03-22", to: "2026-03-22" });
    const runId = runIds[0]!;
    // Stuck between two steps with a lease that would last a minute: only an operator ends it sooner.
    const { worker: stuck, frozen } = frozenBetweenSteps({ WORKER_LEASE_MS: "60000" });
    await frozen;
    expect(await forceReleaseRun(runId, "operator@example.com", "stuck on a hung disk")).toMatchObject({ ok: true });
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "interrupted",
      error: "released by operator@example.com: stuck on a hung disk",
    });
    expect(await db.partitionLock.count({ where: { runId } })).toBe(0);
    expect(await db.run.count({ where: { retryOfRunId: runId } })).toBe(0); // retrying is the operator's call
    const before = await written();
    stuck.child.kill("SIGCONT");
    await waitFor("the worker to notice", async () => /lost its lease/.test(stuck.output()));
    expect(await written()).toEqual(before);
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "run.release" }, orderBy: { id: "desc" } }),
    ).toMatchObject({ outcome: "ok", actor: "operator@example.com" });
    expect(await forceReleaseRun(runId, "operator@example.com", "again")).toMatchObject({
      ok: false,
      code: "conflict",
      message: `run ${runId} is interrupted; only a running run can be released`,
    });
  });
});

describe("a worker told to stop", () => {
  it("finishes its current run, even when one Ctrl-C reaches it twice (the terminal's, and serve.mjs's)", async () => {
    const { runIds } = await execute({ partition: "2026-03-24" });
    const runId = runIds[0]!;
    const worker = spawnWorker({ WORKER_STEP_DELAY_MS: "1500" });
    workers.push(worker);
    await waitFor(
      "raw to be written",
      async () => (await db.run.findUniqueOrThrow({ where: { id: runId } })).stepsDone >= 1,
    );
    worker.child.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 50));
    worker.child.kill("SIGINT");
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    const expected = await db.partitionInput.findUniqueOrThrow({ where: { partitionKey: "2026-03-24" } });
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "succeeded",
      rowsAfter: expected.expectedCount,
    });
  });
});
