// No page's loader grows its number of SQL statements with the store (no N+1, no query per row): each loader is
// run on the seeded store, then again after the store has grown years of history (hundreds of earlier runs with
// evidence and reviews, thousands of audit events, more plans and backfills), and must send exactly as many.
import { beforeAll, describe, expect, it } from "vitest";
import type { TableQuery } from "@/contracts/table_query";
import { writeHistory } from "@/lib/bench/history";
import { rng } from "@/lib/bench/generate";
import type { PartitionKey } from "@/lib/domain/partition";
import { partitionRange } from "@/lib/domain/partition";
import { backfillProgress } from "@/lib/engine/backfill";
import { countStatements } from "@/lib/query-stats";
import { backfillRows, backfillRunRows } from "@/lib/views/backfills";
import { calendarData } from "@/lib/views/calendar";
import { evidenceDetail } from "@/lib/views/evidence";
import { engineHealth } from "@/lib/views/health";
import { getPlan } from "@/lib/read-model/plans";
import { strategy } from "@/lib/views/strategy";
import { planAndExecute, useSeededStore } from "@/lib/test-support";
import { auditPage } from "@/lib/views/audit";
import { deliveryList } from "@/lib/views/deliveries";
import { drillHistory } from "@/lib/views/drills";
import { backfillReviewList } from "@/lib/views/evidence-queue";
import { consumptionOf, releasedSince } from "@/lib/read-model/consumption";
import { evidenceQueue } from "@/lib/views/evidence-queue";
import { manifestList } from "@/lib/views/manifests";
import { partitionDetail } from "@/lib/views/partition";
import { planList } from "@/lib/views/plans";
import { runDetail, runPage } from "@/lib/views/runs";

const MAX_PARAMS = 60;
const table = (sort: string, filters: Record<string, string> = {}): TableQuery => ({
  sort,
  dir: "desc",
  page: 1,
  filters,
});

let planId = "";
let backfillId = 0;
let runId = 0;

/** Every page's loader, as its page calls it. */
const loaders: Record<string, () => Promise<unknown>> = {
  "/ (calendar)": () => calendarData("2026-03-01" as PartitionKey, "2026-04-30" as PartitionKey),
  "/ (health line)": () => engineHealth(),
  "/partitions/<key>": () => partitionDetail("2026-04-17" as PartitionKey),
  "/plans": () => planList(table("createdAt")),
  "/plans (filtered)": () => planList(table("createdAt", { partition: "2026-03", status: "executed" })),
  "/plans/<id>": () => Promise.all([getPlan(planId), runPage({ planId })]),
  "/backfills": () => backfillRows(table("id")),
  "/backfills/<id>": () => Promise.all([backfillProgress(backfillId), backfillReviewList(backfillId, 400)]),
  "/backfills/<id> (runs table)": () => backfillRunRows(backfillId, table("partitionKey")),
  "/backfills/<id> (runs table, filtered, sorted by checks)": () =>
    backfillRunRows(backfillId, { ...table("checksFailed", { status: "unfinished", partition: "2026-03" }), page: 2 }),
  "/runs/<id>": () => runDetail(runId),
  "/evidence": () => evidenceQueue(table("runId", { state: "awaiting review" })),
  "/evidence (filtered)": () =>
    evidenceQueue(table("checksFailed", { partition: "2026-04", action: "backfill", operator: "operator@" })),
  "/evidence/<run>": () => evidenceDetail(runId),
  "/manifests": () => manifestList(1),
  "/deliveries": () => deliveryList(1, "failed"),
  "GET /api/consumption (range)": () =>
    consumptionOf("2026-03-01" as PartitionKey, "2026-04-30" as PartitionKey, "week07"),
  "GET /api/consumption (since)": () => releasedSince(0, "week07"),
  "/drills": () => drillHistory(1),
  "/strategy": () => strategy(),
  "/audit": () => auditPage(table("id")),
  "/audit (filtered)": () =>
    auditPage({ sort: "id", dir: "asc", page: 2, filters: { actor: "operator@", outcome: "ok" } }),
};

async function statementsPerLoader(): Promise<Record<string, { statements: number; maxParams: number }>> {
  const out: Record<string, { statements: number; maxParams: number }> = {};
  for (const [page, load] of Object.entries(loaders)) {
    const { statements, maxParams } = await countStatements(load);
    out[page] = { statements, maxParams };
  }
  return out;
}

let small: Record<string, { statements: number; maxParams: number }>;

beforeAll(async () => {
  await useSeededStore();
  const window = await planAndExecute({ from: "2026-03-22", to: "2026-03-24" });
  planId = window.planId;
  backfillId = window.backfillId;
  runId = window.runIds[0]!;
  small = await statementsPerLoader();
  // Grow the store: years of earlier runs with their evidence and reviews, a long audit trail, more executions.
  await writeHistory({
    keys: partitionRange("2026-03-01" as PartitionKey, "2026-04-30" as PartitionKey),
    runsPerPartition: 12,
    auditEvents: 20_000,
    random: rng(3),
  });
  await planAndExecute({ from: "2026-03-01", to: "2026-03-10", reprocess: "all" });
  await planAndExecute({ partition: "2026-04-17" });
});

describe("page loaders", () => {
  it("grew the store by hundreds of runs and thousands of audit events", async () => {
    const { db } = await import("@/lib/db");
    expect(await db.run.count()).toBeGreaterThan(700);
    expect(await db.auditEvent.count()).toBeGreaterThan(20_000);
  });

  it.each(Object.keys(loaders))(
    "%s sends as many statements on the large store as on the small one, none with more than a page of parameters",
    async (page) => {
      const { statements, maxParams } = await countStatements(loaders[page]!);
      expect(small[page]!.statements).toBeGreaterThan(0);
      expect(statements).toBe(small[page]!.statements);
      // At most a page's worth of ids in one statement — an IN (…) over every run would carry hundreds.
      expect(maxParams).toBeLessThanOrEqual(MAX_PARAMS);
    },
  );
});
