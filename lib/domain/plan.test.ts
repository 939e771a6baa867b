import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PARTITIONED_ASSETS } from "@/lib/domain/assets";
import { countGapReasons, dayRanges, manifestCoverage, planPartition, planWindow } from "@/lib/domain/plan";
import type { PartitionKey } from "@/lib/domain/partition";
import type { ActionPolicy, PartitionFacts } from "@/lib/domain/recovery";
import { render } from "@/lib/i18n/text";

const policy = JSON.parse(fs.readFileSync(path.resolve("lib/policy/recovery-policy.json"), "utf8")) as ActionPolicy;
const common = {
  policy,
  operator: "operator@example.com",
  mode: "dry-run" as const,
  reportPath: "reports/week06/backfill/x.json",
  createdAt: "2026-11-28T00:00:00.000Z",
};

function facts(
  key: string,
  over: Partial<PartitionFacts> = {},
  status: PartitionFacts["assets"][number]["status"] = "missing",
): PartitionFacts {
  return {
    partitionKey: key as PartitionKey,
    assets: PARTITIONED_ASSETS.map((asset) => ({
      asset,
      status,
      gap_reason: status === "missing" ? "missing_partition_report" : null,
      current_output_count: 0,
      reflectedManifestIds: [],
    })),
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
    const b = planPartition(
      facts("2026-04-17", {
        coveringManifests: [
          { manifestId: "m-001", sha256: "a".repeat(64) },
          { manifestId: "m-002", sha256: "b".repeat(64) },
        ],
      }),
      common,
    );
    expect(a.ok && b.ok && a.plan.plan_id !== b.plan.plan_id).toBe(true);
  });

  it("refuses to build a day with 0 expected input, with the lesson's advice and the manifests it looked at", () => {
    expect(planPartition(facts("2026-04-17", { expectedInputCount: 0 }), common)).toMatchObject({
      ok: false,
      message:
        'expected_input_count is 0 for 2026-04-17: check that the upstream really has records for that date before building it (manifests looked at: m-001). If the day truly has no data, attest that with a reason (on the partition page; attest_empty in the API; --attest-empty "why" in the CLI)',
    });
  });

  it("plans it once someone attests the day is empty: the attestation is in the plan and its hash", () => {
    const attestation = {
      attested_by: "operator@example.com",
      reason: "public holiday: the upstream confirmed no tickets",
    };
    const out = planPartition(facts("2026-04-17", { expectedInputCount: 0 }), { ...common, attestation });
    if (!out.ok) throw new Error(out.message);
    expect(out.plan.empty_input_attestation).toEqual(attestation);
    expect(out.plan.guidance).toEqual([
      "expected_input_count is 0 for 2026-04-17: check that the upstream really has records for that date before building it (manifests looked at: m-001)",
      "attested empty by operator@example.com: public holiday: the upstream confirmed no tickets",
    ]);
    const other = planPartition(facts("2026-04-17", { expectedInputCount: 0 }), {
      ...common,
      attestation: { ...attestation, reason: "another reason" },
    });
    expect(other.ok && other.plan.plan_id).not.toBe(out.plan.plan_id);
    expect(planPartition(facts("2026-04-17"), { ...common, attestation })).toMatchObject({
      ok: false,
      message: "attest_empty: 2026-04-17 has 3 input tickets; only a day with none can be attested empty",
    });
  });

  it("a window skips a partition with no upstream input, and one with a run in progress", () => {
    const out = planWindow(
      [facts("2026-04-16", { expectedInputCount: 0 }), facts("2026-04-17"), facts("2026-04-18", {}, "running")],
      {
        ...common,
        from: "2026-04-16" as PartitionKey,
        to: "2026-04-18" as PartitionKey,
        reprocess: "all",
      },
    );
    expect(out.ok && out.plan.partitions.map((p) => [p.partition_key, p.included, p.reason])).toEqual([
      ["2026-04-16", false, "skipped: no upstream input (expected_input_count 0)"],
      ["2026-04-17", true, "included: missing, selected by reprocess mode all"],
      ["2026-04-18", false, "skipped: a run is in progress"],
    ]);
    // The same words in each reader's language (Plan.texts); the document keeps its English, which is hashed.
    if (!out.ok) throw new Error(out.message);
    expect(out.texts.reasons.map((r) => render(r, "zh-CN"))).toEqual([
      "跳过：上游没有输入（expected_input_count 为 0）",
      "纳入：缺失，被 reprocess 模式 all 选中",
      "跳过：有运行正在进行",
    ]);
    expect(out.texts.reasons.map((r) => render(r, "en"))).toEqual(out.plan.partitions.map((p) => p.reason));
    expect(render(out.texts.summary, "en")).toBe(out.plan.summary);
    expect(render(out.texts.guidance[0]!, "zh-CN")).toBe(
      "2026-04-16 的 expected_input_count 为 0：构建前请先确认上游当天确实有记录（查看过的 manifest：m-001）",
    );
  });

  // The gate holds for every action that builds from input, not for backfill alone: restore alone builds from a snapshot.
  it.each([
    ["rerun", facts("2026-04-17", {}, "released")],
    [
      "retry",
      facts(
        "2026-04-03",
        { lastFailedRun: { runId: 7, errorKind: "transient", error: "busy", attempt: 1, targetAssets: [] } },
        "failed",
      ),
    ],
    ["replay", facts("2026-03-15", { coveringManifests: [{ manifestId: "m-002", sha256: "b".repeat(64) }] }, "stale")],
  ] as const)("refuses a %s of a day with 0 expected input, as it refuses a backfill", (action, built) => {
    expect(planPartition(built, { ...common, action }).ok).toBe(true);
    expect(planPartition({ ...built, expectedInputCount: 0 }, { ...common, action })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^expected_input_count is 0 for \d{4}-\d{2}-\d{2}: check that the upstream/),
    });
  });

  it("reprocess mode missing selects missing partitions only: stale, failed and quarantined ones are skipped", () => {
    const out = planWindow(
      [
        facts("2026-03-14"),
        facts("2026-03-15", {}, "stale"),
        facts("2026-03-16", {}, "failed"),
        facts("2026-03-17", {}, "quarantined"),
      ],
      { ...common, from: "2026-03-14" as PartitionKey, to: "2026-03-17" as PartitionKey, reprocess: "missing" },
    );
    if (!out.ok) throw new Error(out.message);
    expect(out.plan.partitions.map((p) => [p.partition_key, p.included, p.reason.split(",")[0]])).toEqual([
      ["2026-03-14", true, "included: missing"],
      ["2026-03-15", false, "skipped: stale"],
      ["2026-03-16", false, "skipped: failed"],
      ["2026-03-17", false, "skipped: quarantined"],
    ]);
  });

  it("retry is refused when the failed run's error was not transient, or its attempts are used up", () => {
    const failed = (errorKind: string, attempt: number) =>
      facts(
        "2026-04-03",
        { lastFailedRun: { runId: 7, errorKind, error: "boom", attempt, targetAssets: [...PARTITIONED_ASSETS] } },
        "failed",
      );
    expect(planPartition(failed("permanent", 1), { ...common, action: "retry" })).toMatchObject({
      ok: false,
      message: "retry: run 7 did not fail with a transient error (boom); fix the cause, then rerun",
    });
    expect(planPartition(failed("transient", 3), { ...common, action: "retry" })).toMatchObject({
      ok: false,
      message: "retry: run 7 was attempt 3 of 3; no attempts left",
    });
    const ok = planPartition(failed("transient", 2), common);
    expect(ok.ok && ok.plan.recovery_action).toBe("retry");
  });
});

describe("the plan's shape, as in the lesson", () => {
  it("proposes a token — the lesson's dry_run_ticket_ingest_for_partition for a never-built day — with the prose in summary", () => {
    const out = planPartition(facts("2026-04-17"), common);
    if (!out.ok) throw new Error(out.message);
    expect(out.plan.proposed_action).toBe("dry_run_ticket_ingest_for_partition");
    expect(out.plan.summary).toMatch(
      /^backfill 2026-04-17: build Raw ticket events → Silver ticket facts → Partition report/,
    );
    const executing = planPartition(facts("2026-04-17"), { ...common, mode: "execute" });
    expect(executing.ok && executing.plan.proposed_action).toBe("ticket_ingest_for_partition");
  });

  it.each([
    [
      "a report-only rebuild",
      facts("2026-04-17", {
        assets: PARTITIONED_ASSETS.map((asset, i) => ({
          asset,
          status: i < 2 ? "released" : "missing",
          gap_reason: i < 2 ? null : "missing_partition_report",
          current_output_count: 3,
          reflectedManifestIds: ["m-001"],
        })),
      }),
      {},
      "dry_run_report_rebuild_for_partition",
    ],
    ["a rerun", facts("2026-04-17", {}, "released"), { action: "rerun" as const }, "dry_run_rerun_for_partition"],
    [
      "a retry",
      facts(
        "2026-04-03",
        {
          lastFailedRun: {
            runId: 7,
            errorKind: "transient",
            error: "busy",
            attempt: 1,
            targetAssets: [...PARTITIONED_ASSETS],
          },
        },
        "failed",
      ),
      {},
      "dry_run_retry_failed_run_for_partition",
    ],
  ])("%s has its own token", (_name, f, over, token) => {
    const out = planPartition(f, { ...common, ...over });
    expect(out.ok && out.plan.proposed_action).toBe(token);
  });

  it("downstream_impact begins with the lesson's sentence, then our stricter rule", () => {
    const out = planPartition(facts("2026-04-17"), common);
    expect(out.ok && out.plan.downstream_impact).toMatch(
      /^hold Week07\/Week08 consumption until checks pass; stricter here: .* until a reviewer approves the run's evidence, checks passing is not enough$/,
    );
  });
});

describe("blast-radius rules", () => {
  const window = (n: number, status: PartitionFacts["assets"][number]["status"] = "missing") =>
    Array.from({ length: n }, (_, i) => facts(`2026-03-${String(i + 1).padStart(2, "0")}`, {}, status));

  it("refuses a window that would include more partitions than max_partitions_per_plan allows", () => {
    const tight: ActionPolicy = { ...policy, blast_radius: { ...policy.blast_radius, max_partitions_per_plan: 5 } };
    expect(
      planWindow(window(6), {
        ...common,
        policy: tight,
        from: "2026-03-01" as PartitionKey,
        to: "2026-03-06" as PartitionKey,
        reprocess: "missing",
      }),
    ).toMatchObject({
      ok: false,
      message:
        "this plan would include 6 partitions; policy rule blast_radius.max_partitions_per_plan allows 5: narrow the window or split it",
    });
    expect(
      planWindow(window(5), {
        ...common,
        policy: tight,
        from: "2026-03-01" as PartitionKey,
        to: "2026-03-05" as PartitionKey,
        reprocess: "missing",
      }).ok,
    ).toBe(true);
  });

  it("a plan that rewrites released partitions needs a second person's approval; one that fills holes does not", () => {
    const rewrite = planWindow(window(3, "released"), {
      ...common,
      from: "2026-03-01" as PartitionKey,
      to: "2026-03-03" as PartitionKey,
      reprocess: "all",
    });
    expect(rewrite.ok && rewrite.plan.approval_required).toBe(
      "it rewrites 3 released partitions (2026-03-01, 2026-03-02, 2026-03-03): policy rule blast_radius.released_rewrite_needs_second_approval — someone other than its planner approves it before it executes",
    );
    const holes = planWindow(window(3), {
      ...common,
      from: "2026-03-01" as PartitionKey,
      to: "2026-03-03" as PartitionKey,
      reprocess: "missing",
    });
    expect(holes.ok && holes.plan.approval_required).toBeNull();
    const relaxed: ActionPolicy = {
      ...policy,
      blast_radius: { ...policy.blast_radius, released_rewrite_needs_second_approval: false },
    };
    const allowed = planWindow(window(3, "released"), {
      ...common,
      policy: relaxed,
      from: "2026-03-01" as PartitionKey,
      to: "2026-03-03" as PartitionKey,
      reprocess: "all",
    });
    expect(allowed.ok && allowed.plan.approval_required).toBeNull();
  });
});

describe("the policy in planning", () => {
  it("refuses an action the policy forbids for a target asset, naming the rule", () => {
    const strict: ActionPolicy = {
      ...policy,
      assets: {
        ...policy.assets,
        "week06/reports/partition_report": { ...policy.assets["week06/reports/partition_report"]!, backfill: false },
      },
    };
    expect(planPartition(facts("2026-04-17"), { ...common, policy: strict })).toMatchObject({
      ok: false,
      message:
        'backfill of partition report is not allowed by policy rule assets["week06/reports/partition_report"].backfill',
    });
  });
});

describe("a window's manifests and gap reasons, compact", () => {
  it("dayRanges joins consecutive days, across a month's end", () => {
    expect(dayRanges(["2026-03-05", "2026-03-01", "2026-03-02", "2026-03-31", "2026-04-01", "2026-03-03"])).toEqual([
      { from: "2026-03-01", to: "2026-03-03" },
      { from: "2026-03-05", to: "2026-03-05" },
      { from: "2026-03-31", to: "2026-04-01" },
    ]);
  });

  it("manifestCoverage lists each manifest with the partitions it covers, then the partitions none covers", () => {
    const row = (key: string, ids: string[]) => ({ partition_key: key, upstream_manifest_ids: ids });
    expect(
      manifestCoverage([
        row("2026-03-14", ["m-001"]),
        row("2026-03-15", ["m-001", "m-002"]),
        row("2026-03-16", []),
        row("2026-03-17", ["m-001"]),
      ]),
    ).toEqual([
      {
        manifestId: "m-001",
        count: 3,
        ranges: [
          { from: "2026-03-14", to: "2026-03-15" },
          { from: "2026-03-17", to: "2026-03-17" },
        ],
      },
      { manifestId: "m-002", count: 1, ranges: [{ from: "2026-03-15", to: "2026-03-15" }] },
      { manifestId: null, count: 1, ranges: [{ from: "2026-03-16", to: "2026-03-16" }] },
    ]);
  });

  it("countGapReasons counts every partition once, in the reasons' order, none last, zeros left out", () => {
    expect(
      countGapReasons([
        { gap_reason: null },
        { gap_reason: "stale_upstream" },
        { gap_reason: "missing_partition_report" },
        { gap_reason: null },
        { gap_reason: "missing_partition_report" },
      ]),
    ).toEqual({ missing_partition_report: 2, stale_upstream: 1, none: 2 });
    expect(
      Object.keys(
        countGapReasons([{ gap_reason: null }, { gap_reason: "failed_run" }, { gap_reason: "check_failed" }]),
      ),
    ).toEqual(["failed_run", "check_failed", "none"]);
  });

  it("a window plan's upstream_manifest_id and gap_reason describe all of it", () => {
    const out = planWindow(
      [
        facts("2026-04-16", { coveringManifests: [{ manifestId: "m-002", sha256: "b".repeat(64) }] }),
        facts("2026-04-17"),
        facts("2026-04-18", {}, "released"),
      ],
      { ...common, from: "2026-04-16" as PartitionKey, to: "2026-04-18" as PartitionKey, reprocess: "missing" },
    );
    expect(out.ok && out.plan).toMatchObject({
      kind: "window",
      upstream_manifest_id: ["m-001", "m-002"],
      gap_reason: { missing_partition_report: 2, none: 1 },
    });
    expect(out.ok && out.plan.partitions.map((p) => p.upstream_manifest_ids)).toEqual([
      ["m-002"],
      ["m-001"],
      ["m-001"],
    ]);
  });
});
