// Part of npm run bench -- --store postgres: N worker processes run one backfill of every partition of the store
// (a generated store of missing partitions), at most N runs at once. Prints one JSON object on stdout: the backfill's
// time from its first claim to its end, rows written, the runs each worker took, and the guard's duplicates (0).
import { spawn } from "node:child_process";
import { closeStore } from "@/lib/close-store";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { FINISHED_BACKFILL } from "@/lib/domain/backfill";
import { setMaxConcurrentRuns } from "@/lib/engine/backfill";
import { executePlan } from "@/lib/engine/execute-plan";
import { approvePlan } from "@/lib/pipeline/plan-approval";
import { createPlan } from "@/lib/pipeline/plans";

const workers = Number(process.argv[2] ?? 1);
const operator = "operator@example.com";
const { start, end } = config().partitions;
const made = await createPlan({ from: start, to: end }, operator);
if (!made.ok) throw new Error(made.message);
if (made.plan.approval_required) await approvePlan(made.plan.plan_id, "lead@example.com", "bench: the window is right");
const executed = await executePlan(made.plan.plan_id, operator, { confirmWithdraw: true });
if (!executed.ok) throw new Error(executed.message);
const set = await setMaxConcurrentRuns(executed.backfillId, workers, operator);
if (!set.ok) throw new Error(set.message);

const children = Array.from({ length: workers }, () =>
  spawn(process.execPath, ["scripts/run.mjs", "worker"], {
    env: { ...process.env, WORKER_POLL_MS: "50" },
    stdio: ["ignore", "ignore", "inherit"],
  }),
);
let backfill = await db.backfill.findUniqueOrThrow({ where: { id: executed.backfillId } });
while (!FINISHED_BACKFILL.includes(backfill.status)) {
  await new Promise((r) => setTimeout(r, 200));
  backfill = await db.backfill.findUniqueOrThrow({ where: { id: executed.backfillId } });
}
await Promise.all(children.map((c) => new Promise((r) => (c.once("exit", r), c.kill("SIGTERM")))));

const ms = backfill.finishedAt!.getTime() - backfill.startedAt!.getTime();
const rows = (await db.rawTicketEvent.count()) + (await db.silverTicketFact.count());
const perWorker = await db.run.groupBy({
  by: ["workerId"],
  where: { backfillId: executed.backfillId },
  _count: { _all: true },
});
const [dupes] = await db.$queryRaw<{ n: bigint }[]>`
  SELECT COUNT(*) AS n FROM (SELECT "ticketId", "partitionKey" FROM "SilverTicketFact" GROUP BY "ticketId", "partitionKey" HAVING COUNT(*) > 1) d`;
const runs = await db.run.groupBy({
  by: ["status"],
  where: { backfillId: executed.backfillId },
  _count: { _all: true },
});
process.stdout.write(
  JSON.stringify({
    workers,
    partitions: executed.runIds.length,
    status: backfill.status,
    runs: Object.fromEntries(runs.map((r) => [r.status, r._count._all])),
    ms,
    ms_per_partition: +(ms / executed.runIds.length).toFixed(1),
    rows_written: rows,
    rows_per_s: Math.round(rows / (ms / 1000)),
    runs_per_worker: perWorker.map((w) => w._count._all).sort((a, b) => b - a),
    guard_duplicates: Number(dupes!.n),
  }),
);
await closeStore();
