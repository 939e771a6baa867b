// Crash safety against the real worker: a worker process is killed with SIGKILL (kill -9) at a named point of a
// backfill run. Its lease expires, a second worker reclaims the run as interrupted, the policy queues it again
// as a retry, and the partition ends with exactly the expected rows — nothing partial at any point.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { executePlan } from "@/lib/engine/execute-plan";
import type { CrashPoint } from "@/lib/pipeline/crash-points";
import { createPlan } from "@/lib/pipeline/plans";
import { spawnWorker, useSeededStore, waitFor } from "@/lib/test-support";

async function partitionRows(key: string) {
  const [raw] = await db.$queryRaw<
    { n: number | bigint; d: number | bigint }[]
  >`SELECT COUNT(*) AS n, COUNT(DISTINCT "ticketId") AS d FROM "RawTicketEvent" WHERE "partitionKey" = ${key}`;
  const [silver] = await db.$queryRaw<
    { n: number | bigint; d: number | bigint }[]
  >`SELECT COUNT(*) AS n, COUNT(DISTINCT "ticketId") AS d FROM "SilverTicketFact" WHERE "partitionKey" = ${key}`;
  return {
    raw: Number(raw!.n),
    rawDistinct: Number(raw!.d),
    silver: Number(silver!.n),
    silverDistinct: Number(silver!.d),
  };
}

const workers: ReturnType<typeof spawnWorker>[] = [];
afterEach(() => {
  for (const w of workers.splice(0)) w.child.kill("SIGKILL");
});

beforeAll(() => useSeededStore());

describe.each([
  ["before_write", "2026-03-22", 26],
  ["mid_batch", "2026-03-23", 25],
  ["before_status_commit", "2026-03-24", 19],
] as const)("a worker killed %s", (point: CrashPoint, key, expected) => {
  it(`leaves no partial write; another worker reclaims the run and its retry leaves exactly ${expected} rows`, async () => {
    const made = await createPlan({ partition: key }, "operator@example.com");
    if (!made.ok) throw new Error(made.message);
    const executed = await executePlan(made.plan.plan_id, "operator@example.com");
    if (!executed.ok) throw new Error(executed.message);
    const runId = executed.runIds[0]!;

    const doomed = spawnWorker({ PARTITION_DESK_CRASH_AT: point });
    workers.push(doomed);
    expect((await doomed.exited).signal, doomed.output()).toBe("SIGKILL");
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "running" }); // what the dead worker left
    const [integrity] = await db.$queryRaw<{ integrity_check: string }[]>`PRAGMA integrity_check`;
    expect(integrity!.integrity_check).toBe("ok");
    // A partition's rows appear all at once or not at all.
    const left = await partitionRows(key);
    if (point === "before_status_commit")
      expect(left).toEqual({ raw: expected, rawDistinct: expected, silver: expected, silverDistinct: expected });
    else expect(left).toMatchObject({ raw: 0, silver: 0 });

    const rescuer = spawnWorker();
    workers.push(rescuer);
    const backfill = await waitFor("the backfill to finish", async () => {
      const b = await db.backfill.findUniqueOrThrow({ where: { id: executed.backfillId } });
      return b.finishedAt ? b : null;
    });
    expect(backfill.status).toBe("completed");
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "interrupted",
      errorKind: "transient",
      leaseExpiresAt: null,
    });
    expect(await db.partitionLock.count()).toBe(0);
    const retry = await db.run.findFirstOrThrow({ where: { retryOfRunId: runId } });
    expect(retry).toMatchObject({
      action: "retry",
      attempt: 2,
      status: "succeeded",
      rowsAfter: expected,
      backfillId: executed.backfillId,
      workerId: expect.any(String),
    });
    expect(retry.workerId).not.toBe((await db.run.findUniqueOrThrow({ where: { id: runId } })).workerId);
    expect(await partitionRows(key)).toEqual({
      raw: expected,
      rawDistinct: expected,
      silver: expected,
      silverDistinct: expected,
    });
    // The interrupted run has its own evidence, saying so.
    expect(JSON.parse((await db.evidence.findUniqueOrThrow({ where: { runId } })).document)).toMatchObject({
      status: "interrupted",
      run_id: runId,
    });
  });
});
