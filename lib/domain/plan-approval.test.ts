import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PARTITIONED_ASSETS, REPORT_ASSET } from "@/lib/domain/assets";
import { planPartition, planWindow } from "@/lib/domain/plan";
import { approvalCarriesOver } from "@/lib/domain/plan-approval";
import type { BackfillPlan } from "@/lib/domain/plan-document";
import type { PartitionKey } from "@/lib/domain/partition";
import type { ActionPolicy, PartitionFacts } from "@/lib/domain/recovery";
import { render } from "@/lib/i18n/text";

const policy = JSON.parse(fs.readFileSync(path.resolve("lib/policy/recovery-policy.json"), "utf8")) as ActionPolicy;
const planner = "operator@example.com";
const approver = "lead@example.com";
const common = { policy, operator: planner, mode: "dry-run" as const, reportPath: "x.json", createdAt: "2026-11-28" };
const M1 = { manifestId: "m-001", sha256: "a".repeat(64) };

function facts(key: string, over: Partial<PartitionFacts> = {}, status: "released" | "missing" = "released") {
  return {
    partitionKey: key as PartitionKey,
    assets: PARTITIONED_ASSETS.map((asset) => ({
      asset,
      status,
      gap_reason: status === "missing" ? ("missing_partition_report" as const) : null,
      current_output_count: status === "released" ? 3 : 0,
      reflectedManifestIds: status === "released" ? ["m-001"] : [],
    })),
    expectedInputCount: 3,
    coveringManifests: [M1],
    lastFailedRun: null,
    snapshots: [],
    ...over,
  } satisfies PartitionFacts;
}

const KEYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"] as PartitionKey[];

function window(days: PartitionFacts[], over: { selection?: PartitionKey[]; operator?: string } = {}): BackfillPlan {
  const made = planWindow(days, {
    ...common,
    ...over,
    from: days[0]!.partitionKey,
    to: days.at(-1)!.partitionKey,
    reprocess: "all",
    ...(over.selection ? { reexecutes: 7 } : {}),
  });
  if (!made.ok) throw new Error(made.message);
  return made.plan;
}

// The backfill of four released days was approved by the lead; two of them were cancelled.
const approved = window(KEYS.map((k) => facts(k)));
const cancelled = KEYS.slice(2);
const why = (plan: BackfillPlan, by = approver) => {
  const reason = approvalCarriesOver(plan, approved, by);
  return reason && render(reason, "en");
};

describe("a plan's second approval carries over to the re-execution of its backfill's unfinished partitions", () => {
  it("when the re-execution is the same rewrite of a subset of its partitions, on the same input", () => {
    expect(approved.approval_required).not.toBeNull();
    const reexecution = window(
      cancelled.map((k) => facts(k)),
      { selection: cancelled },
    );
    expect(reexecution.approval_required).not.toBeNull();
    expect(why(reexecution)).toBeNull();
    // Order and priority do not matter.
    expect(why({ ...reexecution, run_order: "oldest_first", priority: "low" })).toBeNull();
  });

  it("not to a re-execution its approver planned: four eyes hold for that plan too", () => {
    const own = window(
      cancelled.map((k) => facts(k)),
      { selection: cancelled, operator: approver },
    );
    expect(why(own)).toBe(
      `${approver} approved plan ${approved.plan_id} and made this re-execution; another person approves it`,
    );
  });

  it("not to a partition the approved plan did not include", () => {
    const wider = window(
      [...cancelled, "2026-03-06" as PartitionKey].map((k) => facts(k)),
      {
        selection: [...cancelled, "2026-03-06" as PartitionKey],
      },
    );
    expect(why(wider)).toBe(`2026-03-06 was not part of plan ${approved.plan_id}`);
  });

  it("not when a partition was released after the approved plan was made (new data at stake)", () => {
    // Approved while 2026-03-04 was missing (nothing of it released), re-executed after it was built and released.
    const then = window([facts("2026-03-03"), facts("2026-03-04", {}, "missing")]);
    const now = window([facts("2026-03-04")], { selection: ["2026-03-04" as PartitionKey] });
    expect(render(approvalCarriesOver(now, then, approver)!, "en")).toBe(
      `week06/ingestion/raw_ticket_events_partitioned of 2026-03-04 was released after plan ${then.plan_id} was made`,
    );
  });

  it("not when it rebuilds an asset the approved plan did not", () => {
    // Approved as a report-only rebuild of 2026-03-04; now the whole partition would be rebuilt.
    const reportGone = facts("2026-03-04", {}, "released");
    reportGone.assets = reportGone.assets.map((a) =>
      a.asset === REPORT_ASSET
        ? { ...a, status: "missing" as const, gap_reason: "missing_partition_report" as const }
        : a,
    );
    const then = window([facts("2026-03-03"), reportGone]);
    const now = window([facts("2026-03-04")], { selection: ["2026-03-04" as PartitionKey] });
    expect(render(approvalCarriesOver(now, then, approver)!, "en")).toMatch(
      /^it rebuilds week06\/ingestion\/raw_ticket_events_partitioned of 2026-03-04, which plan [0-9a-f]{16} did not$/,
    );
  });

  it("not when the input changed: another expected count, or a manifest the approved plan did not read", () => {
    const more = window(
      cancelled.map((k) => facts(k, { expectedInputCount: 5 })),
      { selection: cancelled },
    );
    expect(why(more)).toBe(
      `the input of 2026-03-04 changed since plan ${approved.plan_id} (3 tickets expected then, 5 now)`,
    );
    const M2 = { manifestId: "m-002", sha256: "b".repeat(64) };
    const late = window(
      cancelled.map((k) => facts(k, { coveringManifests: [M1, M2] })),
      { selection: cancelled },
    );
    expect(why(late)).toBe(`manifest m-002 was not read by plan ${approved.plan_id}`);
    const changed = window(
      cancelled.map((k) => facts(k, { coveringManifests: [{ ...M1, sha256: "c".repeat(64) }] })),
      { selection: cancelled },
    );
    expect(why(changed)).toBe(`manifest m-001 was not read by plan ${approved.plan_id}`);
  });

  it("not to another recovery action", () => {
    const rerun = planPartition(facts("2026-03-04"), { ...common, action: "rerun", reexecutes: 7 });
    if (!rerun.ok) throw new Error(rerun.message);
    expect(why(rerun.plan)).toBe(`it is a rerun, plan ${approved.plan_id} a backfill`);
  });

  it("says why in both languages", () => {
    const wider = window(
      [...cancelled, "2026-03-06" as PartitionKey].map((k) => facts(k)),
      {
        selection: [...cancelled, "2026-03-06" as PartitionKey],
      },
    );
    expect(render(approvalCarriesOver(wider, approved, approver)!, "zh-CN")).toBe(
      `2026-03-06 不在计划 ${approved.plan_id} 中`,
    );
  });
});
