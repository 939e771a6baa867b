// A backfill's runs table (the backfill page): filtered, sorted and paged in SQL, with counts per status for the
// filter. lib/views/backfills.postgres.test.ts runs the same on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import type { TableQuery } from "@/contracts/table_query";
import { cancelBackfill } from "@/lib/engine/backfill";
import { executePlan } from "@/lib/engine/execute-plan";
import { approvePlan } from "@/lib/pipeline/plan-approval";
import { createPlan } from "@/lib/pipeline/plans";
import { planAndExecute, useSeededStore } from "@/lib/test-support";
import { backfillRunRows } from "@/lib/views/backfills";

const query = (over: Partial<TableQuery> = {}, filters: Record<string, string> = {}): TableQuery => ({
  sort: "partitionKey",
  dir: "desc",
  page: 1,
  filters,
  ...over,
});

let built = 0;
let cancelled = 0;

beforeAll(async () => {
  await useSeededStore();
  // Three never-built days, built and checked; four released days queued, then cancelled before any started.
  built = (await planAndExecute({ from: "2026-03-22", to: "2026-03-24" })).backfillId;
  const plan = await createPlan({ from: "2026-03-01", to: "2026-03-04", reprocess: "all" }, "operator@example.com");
  if (!plan.ok) throw new Error(plan.message);
  await approvePlan(plan.plan.plan_id, "lead@example.com", "test: four released days");
  const queued = await executePlan(plan.plan.plan_id, "operator@example.com", { confirmWithdraw: true });
  if (!queued.ok) throw new Error(queued.message);
  cancelled = queued.backfillId;
  expect(await cancelBackfill(cancelled, "operator@example.com")).toMatchObject({ ok: true });
}, 120_000);

describe("a backfill's runs", () => {
  it("lists every run with its status, attempt, duration, checks and evidence, newest partition first", async () => {
    const runs = await backfillRunRows(built, query());
    expect(runs.total).toBe(3);
    expect(runs.rows.map((r) => r.partitionKey)).toEqual(["2026-03-24", "2026-03-23", "2026-03-22"]);
    for (const r of runs.rows) {
      expect(r).toMatchObject({ action: "backfill", status: "succeeded", attempt: 1, hasEvidence: true });
      expect(r.checksPassed).toBeGreaterThan(0);
      expect(r.checksFailed).toBe(0);
      expect(Date.parse(r.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(r.startedAt!));
    }
    expect((await backfillRunRows(built, query({ dir: "asc" }))).rows.map((r) => r.partitionKey)).toEqual([
      "2026-03-22",
      "2026-03-23",
      "2026-03-24",
    ]);
    expect(runs.statusCounts).toMatchObject({ succeeded: 3, cancelled: 0, unfinished: 0 });
  });

  it("filters the runs that did not finish: failed, interrupted or cancelled", async () => {
    const unfinished = await backfillRunRows(cancelled, query({}, { status: "unfinished" }));
    expect(unfinished.total).toBe(4);
    expect(unfinished.rows.map((r) => r.partitionKey)).toEqual([
      "2026-03-04",
      "2026-03-03",
      "2026-03-02",
      "2026-03-01",
    ]);
    expect(unfinished.rows.every((r) => r.status === "cancelled" && !r.hasEvidence && r.startedAt === null)).toBe(true);
    expect(unfinished.statusCounts).toMatchObject({ cancelled: 4, unfinished: 4, succeeded: 0 });
    expect(await backfillRunRows(cancelled, query({}, { status: "succeeded" }))).toMatchObject({ total: 0, rows: [] });
    // A status the filter does not know shows nothing, rather than everything.
    expect(await backfillRunRows(cancelled, query({}, { status: "bogus" }))).toMatchObject({ total: 0, rows: [] });
  });

  it("filters by a partition prefix, says what is wrong with a bad one, and pages", async () => {
    const day = await backfillRunRows(cancelled, query({}, { partition: "2026-03-02" }));
    expect(day.rows.map((r) => r.partitionKey)).toEqual(["2026-03-02"]);
    expect(day.statusCounts.cancelled).toBe(1);
    const bad = await backfillRunRows(cancelled, query({}, { partition: "03-02" }));
    expect(bad.problem).toMatchObject({ key: "paging.badPartitionFilter" });
    expect(bad.total).toBe(4);
    expect(await backfillRunRows(cancelled, query({ page: 2 }))).toMatchObject({ rows: [], total: 4, pageCount: 1 });
  });

  it("sorts by status, attempt and failed checks as well", async () => {
    for (const sort of ["status", "attempt", "checksFailed", "runId"])
      expect((await backfillRunRows(built, query({ sort }))).rows).toHaveLength(3);
    expect((await backfillRunRows(built, query({ sort: "runId", dir: "asc" }))).rows.map((r) => r.runId)).toEqual(
      [...(await backfillRunRows(built, query({ sort: "runId" }))).rows.map((r) => r.runId)].reverse(),
    );
  });
});
