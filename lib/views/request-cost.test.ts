// What reads cost, held by the plans of their queries — never by times (this machine is shared): the work every page
// does, and the benchmark's slowest page, each read from an index bounded by what it needs, whatever the history.
import { beforeAll, describe, expect, it } from "vitest";
import { writeHistory } from "@/lib/bench/history";
import { rng } from "@/lib/bench/generate";
import { partitionRange, type PartitionKey } from "@/lib/domain/partition";
import { countStatements, type Statement } from "@/lib/query-stats";
import { sqlite } from "@/lib/sqlite";
import { planAndExecute, useSeededStore } from "@/lib/test-support";
import { awaitingReviewCount, evidenceQueue } from "@/lib/views/evidence-queue";
import { runDetail, runPage } from "@/lib/views/runs";
import { engineHealth } from "@/lib/views/health";
import { RAW_ASSET, REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import { partitionStatuses } from "@/lib/read-model/partitions";

/** SQLite's plan for a statement as sent, one line per step (its arguments as the adapter binds them). */
function plan({ sql, args }: Statement): string[] {
  const bound = args.map((a) => (typeof a === "boolean" ? Number(a) : a instanceof Date ? a.toISOString() : a));
  const steps = sqlite()
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...bound) as { detail: string }[];
  return steps.map((r) => r.detail);
}

let runId = 0;

beforeAll(async () => {
  await useSeededStore();
  // Years of history: earlier runs of every partition, most of them reviewed.
  await writeHistory({
    keys: partitionRange("2026-03-01" as PartitionKey, "2026-04-30" as PartitionKey),
    runsPerPartition: 4,
    auditEvents: 0,
    random: rng(5),
  });
  runId = (await planAndExecute({ partition: "2026-03-22" })).runIds[0]!;
  sqlite().exec("ANALYZE");
});

describe("the work of every page", () => {
  it("finds the last finished run (the calendar's health line) by index, not by reading every run", async () => {
    const { sent } = await countStatements(() => engineHealth());
    expect(sent.flatMap(plan).filter((s) => /^SCAN (main\.)?Run\b/.test(s))).toEqual([]);
  });

  it("counts the runs awaiting review (the navigation) from the undecided evidence, not from every cell of the store", async () => {
    const { sent, result } = await countStatements(() => awaitingReviewCount());
    expect(result).toBeGreaterThan(0);
    expect(sent).toHaveLength(1);
    const steps = plan(sent[0]!);
    // Grouping the projection of every (partition, asset) by run cost each page ~100 ms on the benchmark's store.
    expect(steps.filter((s) => /PartitionState/.test(s))).toEqual([]);
    expect(steps.filter((s) => /^SCAN /.test(s))).toEqual([]);
  });
});

describe("the evidence queue sorted by failed checks", () => {
  it("is two statements: the count per state, and the page with all its rows show (the decisions' signed fields too)", async () => {
    const { sent, result } = await countStatements(() =>
      evidenceQueue({ sort: "checksFailed", dir: "desc", page: 1, filters: { state: "" } }),
    );
    expect(result.rows).toHaveLength(25);
    expect(sent).toHaveLength(2);
  });

  it("counts every run's checks from an index alone", async () => {
    const { sent } = await countStatements(() =>
      evidenceQueue({ sort: "checksFailed", dir: "desc", page: 1, filters: { state: "" } }),
    );
    const checkReads = sent.flatMap(plan).filter((s) => /\bc\b|CheckResult/.test(s));
    expect(checkReads.length).toBeGreaterThan(0);
    // Each count walks the run's entries of one index (run, passed, severity), never the rows behind them.
    for (const step of checkReads)
      expect(step).toMatch(/^SEARCH c USING COVERING INDEX CheckResult_runId_passed_severity_idx/);
  });
});

describe("the run page and the run tables (partition and plan pages)", () => {
  it.each<[string, () => Promise<unknown>]>([
    ["the run page", () => runDetail(runId)],
    ["a partition's run table", () => runPage({ partitionKey: "2026-03-22" })],
  ])("%s counts failed checks over its own runs' checks, never every check of the store", async (_, load) => {
    const { sent } = await countStatements(load);
    const steps = sent.flatMap(plan);
    expect(steps.filter((s) => /CheckResult/.test(s)).length).toBeGreaterThan(0);
    // Prisma's _count of a filtered relation was an aggregate of every check joined back to the page's runs.
    expect(steps.filter((s) => /^SCAN .*CheckResult/.test(s))).toEqual([]);
  });
});

describe("statuses", () => {
  const from = "2026-03-01" as PartitionKey;
  const to = "2026-04-30" as PartitionKey;
  const rowTables = (steps: string[]) => steps.filter((s) => /RawTicketEvent|SilverTicketFact/.test(s));

  it("of assets that keep no rows of their own (the calendar's later asset pages) count no rows", async () => {
    const { sent } = await countStatements(() => partitionStatuses(from, to, undefined, [REPORT_ASSET]));
    expect(rowTables(sent.flatMap(plan))).toEqual([]);
  });

  it("of a few partitions (the calendar's gap list) count their rows by key, not the whole range between them", async () => {
    const { sent } = await countStatements(() =>
      partitionStatuses(from, to, undefined, [RAW_ASSET, SILVER_ASSET], ["2026-03-02", "2026-04-29"] as PartitionKey[]),
    );
    const steps = rowTables(sent.flatMap(plan));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step).toMatch(/\(partitionKey=\?\)/);
  });
});
