// Many workers on PostgreSQL, as real processes coordinated by pg-boss: three workers execute a 120-partition
// window (max 3 runs at once), one is killed with SIGKILL mid-run; every partition ends built exactly once, no
// ticket duplicated on the guard, no run lost or left running, every lock released. The store is a generated one
// (lib/bench/generate.ts: 120 days of manifests, nothing built yet), so the window is 120 days of real input.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { spawnWorker as SpawnWorker } from "@/lib/test-support";

const DAYS = 120;
const FIRST = "2026-01-01";
const LAST = "2026-04-30" as import("@/lib/domain/partition").PartitionKey;

const server = vi.hoisted(async () => {
  process.env.WEEK06_PARTITION_START_DATE = "2026-01-01";
  return (await import("../../scripts/postgres.mjs")).startPostgresForThisFile();
});

let workers: ReturnType<typeof SpawnWorker>[] = [];

beforeAll(async () => {
  const { migrateStore } = await import("@/lib/migrate-store");
  const { generateStore } = await import("@/lib/bench/generate");
  await migrateStore();
  const { config } = await import("@/lib/config");
  // The input beside this file's reports (vitest.setup.ts gives each file its own folder).
  const deliveryDir = path.join(path.dirname(config().reportDir), "delivery");
  await generateStore({ days: DAYS, ticketsPerDay: 20, assets: 3, seed: 15, end: LAST, build: "none", deliveryDir });
});

afterAll(async () => {
  for (const w of workers) w.child.kill("SIGKILL");
  await (await import("@/lib/test-support")).stopPostgresStore(server);
});

describe("three workers on PostgreSQL", () => {
  it(`build a ${DAYS}-day window together; one killed mid-run loses nothing and duplicates nothing`, async () => {
    const { db } = await import("@/lib/db");
    const { createPlan } = await import("@/lib/pipeline/plans");
    const { approvePlan } = await import("@/lib/pipeline/plan-approval");
    const { executePlan } = await import("@/lib/engine/execute-plan");
    const { spawnWorker, waitFor } = await import("@/lib/test-support");
    const { setMaxConcurrentRuns } = await import("@/lib/engine/backfill");
    const made = await createPlan({ from: FIRST, to: LAST }, "operator@example.com");
    if (!made.ok) throw new Error(made.message);
    if (made.plan.approval_required)
      expect(await approvePlan(made.plan.plan_id, "lead@example.com", "test: the window is right")).toMatchObject({
        ok: true,
      });
    const executed = await executePlan(made.plan.plan_id, "operator@example.com", { confirmWithdraw: true });
    if (!executed.ok) throw new Error(executed.message);
    // More than one run at a time is what PostgreSQL allows (SQLite has one writer).
    expect(await setMaxConcurrentRuns(executed.backfillId, 3, "operator@example.com")).toMatchObject({ ok: true });
    const partitions = executed.runIds.length;
    expect(partitions).toBe(DAYS);

    workers = [0, 1, 2].map(() => spawnWorker({ WORKER_STEP_DELAY_MS: "100", WORKER_LEASE_MS: "2000" }));
    const victim = workers[0]!;
    await waitFor(
      "the first worker to hold a run",
      async () => db.worker.findFirst({ where: { pid: victim.child.pid, currentRunId: { not: null } } }),
      180_000,
      10,
    ).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${workers.map((w) => w.output().slice(-1500)).join("\n---\n")}`);
    });
    victim.child.kill("SIGKILL");

    try {
      await waitFor(
        "the window to finish",
        async () =>
          (await db.backfill.findUniqueOrThrow({ where: { id: executed.backfillId } })).status.startsWith("completed"),
        180_000,
        200,
      );
    } catch (e) {
      const counts = await db.run.groupBy({
        by: ["status"],
        where: { backfillId: executed.backfillId },
        _count: { _all: true },
      });
      throw new Error(
        `${String(e)}: runs ${JSON.stringify(counts)}; backfill ${JSON.stringify(await db.backfill.findUnique({ where: { id: executed.backfillId } }))}\n${workers.map((w) => w.output().slice(-1500)).join("\n---\n")}`,
      );
    }
    const runs = await db.run.findMany({
      where: { backfillId: executed.backfillId },
      select: { partitionKey: true, status: true, workerId: true },
    });
    expect(runs.filter((r) => r.status === "running" || r.status === "queued")).toEqual([]);
    // Each partition's latest run succeeded; the killed worker's run was interrupted and retried by another.
    const latest = new Map<string, string>();
    for (const r of await db.run.findMany({
      where: { backfillId: executed.backfillId },
      orderBy: { id: "asc" },
      select: { partitionKey: true, status: true },
    }))
      latest.set(r.partitionKey, r.status);
    expect([...latest.values()].every((s) => s === "succeeded")).toBe(true);
    expect(latest.size).toBe(partitions);
    // Built exactly once: one succeeded run per partition, however many attempts it took.
    expect(runs.filter((r) => r.status === "succeeded")).toHaveLength(partitions);
    expect(runs.some((r) => r.status === "interrupted")).toBe(true);
    // The queue spread the window over the workers (a cold start under load may keep one out of it for a while).
    expect(new Set(runs.map((r) => r.workerId)).size).toBeGreaterThanOrEqual(2);
    const [dupes] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM (SELECT "ticketId", "partitionKey" FROM "SilverTicketFact" GROUP BY "ticketId", "partitionKey" HAVING COUNT(*) > 1) d`;
    expect(Number(dupes!.n)).toBe(0);
    expect(await db.partitionLock.count()).toBe(0);
  }, 360_000);
});
