import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PARTITIONED_ASSETS } from "@/lib/domain/assets";
import { planPartition, planWindow } from "@/lib/domain/plan";
import type { PartitionKey } from "@/lib/domain/partition";
import type { ActionPolicy, PartitionFacts } from "@/lib/domain/recovery";

const policy = JSON.parse(fs.readFileSync(path.resolve("lib/policy/recovery-policy.json"), "utf8")) as ActionPolicy;
const common = { policy, operator: "operator@example.com", mode: "dry-run" as const, reportPath: "reports/week06/backfill/x.json", createdAt: "2026-11-28T00:00:00.000Z" };

function facts(key: string, over: Partial<PartitionFacts> = {}, status: PartitionFacts["assets"][number]["status"] = "missing"): PartitionFacts {
  return {
    partitionKey: key as PartitionKey,
    assets: PARTITIONED_ASSETS.map((asset) => ({ asset, status, gap_reason: status === "missing" ? "missing_partition_report" : null, current_output_count: 0, reflectedManifestIds: [] })),
    expectedInputCount: 3,
    coveringManifests: [{ manifestId: "m-001", sha256: "a".repeat(64) }],
    lastFailedRun: null,
    snapshots: [],
    ...over,
  };
}

describe("pure planning", () => {
  it("gives the same id for the same facts, whatever the time or mode it was asked at", () => {
    const a = planPartition(facts("2026-04-17"), common);
    const b = planPartition(facts("2026-04-17"), { ...common, mode: "execute", createdAt: "2026-11-29T00:00:00.000Z" });
    expect(a.ok && b.ok && a.plan.plan_id === b.plan.plan_id).toBe(true);
  });

  it("changes the id when the facts change (another manifest)", () => {
    const a = planPartition(facts("2026-04-17"), common);
    const b = planPartition(facts("2026-04-17", { coveringManifests: [{ manifestId: "m-001", sha256: "a".repeat(64) }, { manifestId: "m-002", sha256: "b".repeat(64) }] }), common);
    expect(a.ok && b.ok && a.plan.plan_id !== b.plan.plan_id).toBe(true);
  });

  it("an expected input of 0 tells the operator to check the upstream and names the manifests it looked at", () => {
    const out = planPartition(facts("2026-04-17", { expectedInputCount: 0 }), common);
    expect(out.ok && out.plan.guidance).toEqual([
      "expected_input_count is 0 for 2026-04-17: check that the upstream really has records for that date before building it (manifests looked at: m-001)",
    ]);
  });

  it("a window skips a partition with no upstream input, and one with a run in progress", () => {
    const out = planWindow([facts("2026-04-16", { expectedInputCount: 0 }), facts("2026-04-17"), facts("2026-04-18", {}, "running")], {
      ...common,
      from: "2026-04-16" as PartitionKey,
      to: "2026-04-18" as PartitionKey,
      reprocess: "all",
    });
    expect(out.ok && out.plan.partitions.map((p) => [p.partition_key, p.included, p.reason])).toEqual([
      ["2026-04-16", false, "skipped: no upstream input (expected_input_count 0)"],
      ["2026-04-17", true, "included: missing, selected by reprocess mode all"],
      ["2026-04-18", false, "skipped: a run is in progress"],
    ]);
  });

  it("retry is refused when the failed run's error was not transient, or its attempts are used up", () => {
    const failed = (errorKind: string, attempt: number) =>
      facts("2026-04-03", { lastFailedRun: { runId: 7, errorKind, error: "boom", attempt, targetAssets: [...PARTITIONED_ASSETS] } }, "failed");
    expect(planPartition(failed("permanent", 1), { ...common, action: "retry" })).toEqual({ ok: false, message: "retry: run 7 did not fail with a transient error (boom); fix the cause, then rerun" });
    expect(planPartition(failed("transient", 3), { ...common, action: "retry" })).toEqual({ ok: false, message: "retry: run 7 was attempt 3 of 3; no attempts left" });
    const ok = planPartition(failed("transient", 2), common);
    expect(ok.ok && ok.plan.recovery_action).toBe("retry");
  });
});

describe("the policy in planning", () => {
  it("refuses an action the policy forbids for a target asset, naming the rule", () => {
    const strict: ActionPolicy = { ...policy, assets: { ...policy.assets, "week06/reports/partition_report": { ...policy.assets["week06/reports/partition_report"]!, backfill: false } } };
    expect(planPartition(facts("2026-04-17"), { ...common, policy: strict })).toEqual({
      ok: false,
      message: 'backfill of partition report is not allowed by policy rule assets["week06/reports/partition_report"].backfill',
    });
  });
});
