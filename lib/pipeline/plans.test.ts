// Planning on the seeded starting scenario, through the same entry point as the UI and the CLI.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { backfillPlanSchema } from "@/contracts/backfill_plan";
import { db } from "@/lib/db";
import { planFile } from "@/lib/files";
import { createPlan, driftOf } from "@/lib/pipeline/plans";
import { executePlan } from "@/lib/engine/execute-plan";
import { getPlan } from "@/lib/read-model/plans";
import { text } from "@/lib/i18n/text";
import { useSeededStore } from "@/lib/test-support";
import { auditDetail } from "@/lib/store-json";

const operator = "operator@example.com";

beforeAll(() => useSeededStore());

async function plan(request: Record<string, string>) {
  const result = await createPlan(request, operator);
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe("planning a partition of the seeded scenario", () => {
  it("2026-04-17 → backfill, gap missing_partition_report, expected 3, current 0, manifest 001", async () => {
    const { plan: p, file } = await plan({ partition: "2026-04-17", mode: "dry-run" });
    expect(p).toMatchObject({
      recovery_action: "backfill",
      gap_reason: "missing_partition_report",
      expected_input_count: 3,
      current_output_count: 0,
      upstream_manifest_id: "week06-seed-manifest-001",
      window_start: "2026-04-17T00:00:00+00:00",
      window_end: "2026-04-17T23:59:59.999999+00:00",
      idempotency_guard: "ticket_id + partition_key",
      operator,
      mode: "dry-run",
      target_assets: [
        "week06/ingestion/raw_ticket_events_partitioned",
        "week06/silver/ticket_fact_partitioned",
        "week06/reports/partition_report",
      ],
    });
    expect(p.report_path).toMatch(/backfill\/backfill_plan_2026-04-17\.json$/);
    expect(file).toBe(planFile("backfill", "2026-04-17"));
    expect(backfillPlanSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")))).toEqual(p);
    expect(await db.plan.findUnique({ where: { id: p.plan_id } })).toMatchObject({
      status: "planned",
      recoveryAction: "backfill",
    });
  });

  it("2026-04-03 → retry of its failed run", async () => {
    const failed = await db.run.findFirstOrThrow({ where: { partitionKey: "2026-04-03", status: "failed" } });
    const { plan: p } = await plan({ partition: "2026-04-03" });
    expect(p).toMatchObject({
      recovery_action: "retry",
      gap_reason: "failed_run",
      needs: { retry_of_run_id: failed.id },
      expected_input_count: 30,
      current_output_count: 0,
    });
  });

  it("2026-03-15 → replay with the late manifest 002: expected 28, current 23, gap stale_upstream", async () => {
    const { plan: p } = await plan({ partition: "2026-03-15" });
    expect(p).toMatchObject({
      recovery_action: "replay",
      upstream_manifest_id: "week06-late-manifest-002",
      needs: { replay_manifest_id: "week06-late-manifest-002" },
      expected_input_count: 28,
      current_output_count: 23,
      gap_reason: "stale_upstream",
    });
  });

  it("2026-04-09 → restore from the snapshot taken before the bad write, gap check_failed", async () => {
    const snapshot = await db.snapshot.findFirstOrThrow({ where: { partitionKey: "2026-04-09" } });
    const { plan: p } = await plan({ partition: "2026-04-09" });
    expect(p).toMatchObject({
      recovery_action: "restore",
      gap_reason: "check_failed",
      needs: { restore_snapshot_id: snapshot.id },
      target_assets: ["week06/silver/ticket_fact_partitioned"],
    });
  });

  it("a healthy partition gets rerun only when asked for explicitly", async () => {
    const refused = await createPlan({ partition: "2026-03-01" }, operator);
    expect(refused).toMatchObject({
      ok: false,
      code: "unprocessable",
      message: expect.stringMatching(/^2026-03-01 is released .* it needs no recovery; ask for --action rerun/),
    });
    const { plan: p } = await plan({ partition: "2026-03-01", action: "rerun" });
    expect(p).toMatchObject({ recovery_action: "rerun", gap_reason: null });
  });

  it("uses WEEK06_DEFAULT_PARTITION when no partition is given", async () => {
    expect((await plan({})).plan.partition_key).toBe("2026-04-17");
  });

  it("is deterministic: the same store state gives the same plan id", async () => {
    const a = await plan({ partition: "2026-03-15" });
    const b = await plan({ partition: "2026-03-15" });
    expect(b.plan.plan_id).toBe(a.plan.plan_id);
    expect(b.plan.created_at).not.toBe(a.plan.created_at);
    expect(await db.plan.count({ where: { id: a.plan.plan_id } })).toBe(1);
  });
});

describe("planning a window", () => {
  it("2026-03-20..2026-03-26 in missing mode includes exactly 03-22, 03-23, 03-24 and says why the others are skipped", async () => {
    const { plan: p, file } = await plan({ from: "2026-03-20", to: "2026-03-26", reprocess: "missing" });
    expect(p.kind).toBe("window");
    expect(p.partitions.filter((x) => x.included).map((x) => x.partition_key)).toEqual([
      "2026-03-22",
      "2026-03-23",
      "2026-03-24",
    ]);
    expect(p.partitions.find((x) => x.partition_key === "2026-03-20")).toMatchObject({
      included: false,
      reason: "skipped: already released",
    });
    expect(p).toMatchObject({
      window_start: "2026-03-20T00:00:00+00:00",
      window_end: "2026-03-26T23:59:59.999999+00:00",
      reprocess_mode: "missing",
      recovery_action: "backfill",
    });
    expect(file).toBe(planFile("backfill", "2026-03-20_2026-03-26"));
    expect(fs.existsSync(file)).toBe(true);
  });

  it("failed_and_missing adds the failed partition; missing mode says why it skipped it", async () => {
    const missing = await plan({ from: "2026-04-01", to: "2026-04-05" }).catch((e: Error) => e.message);
    expect(missing).toMatch(
      /nothing to backfill in 2026-04-01..2026-04-05 with reprocess mode missing: .*skipped: failed, not selected by reprocess mode missing/,
    );
    const { plan: p } = await plan({ from: "2026-04-01", to: "2026-04-05", reprocess: "failed_and_missing" });
    expect(p.partitions.filter((x) => x.included).map((x) => x.partition_key)).toEqual(["2026-04-03"]);
  });
});

describe("a window plan describes its window, not its first partition (plan version 3)", () => {
  const SEED = "week06-seed-manifest-001";
  const LATE = "week06-late-manifest-002";

  it("2026-03-01..2026-04-30: every manifest it reads, which partitions each covers, its gap reasons counted", async () => {
    const { plan: p, file } = await plan({ from: "2026-03-01", to: "2026-04-30", reprocess: "all" });
    expect(p).toMatchObject({
      plan_version: 3,
      kind: "window",
      partition_key: "2026-03-01",
      window_start: "2026-03-01T00:00:00+00:00",
      window_end: "2026-04-30T23:59:59.999999+00:00",
      // Not the first manifest by name (the late one covers 1 of 61 days): every one the window reads.
      upstream_manifest_id: [LATE, SEED],
      // Not the first gap found, nor "none": the 61 partitions counted per gap reason.
      gap_reason: { missing_partition_report: 4, failed_run: 1, stale_upstream: 1, check_failed: 1, none: 54 },
    });
    expect(p.partitions).toHaveLength(61);
    const manifestsOf = new Map(p.partitions.map((x) => [x.partition_key, x.upstream_manifest_ids]));
    expect(manifestsOf.get("2026-03-15")).toEqual([LATE, SEED]);
    expect(manifestsOf.get("2026-04-17")).toEqual([SEED]);
    expect(p.partitions.filter((x) => x.upstream_manifest_ids.includes(LATE)).map((x) => x.partition_key)).toEqual([
      "2026-03-15",
    ]);
    expect(backfillPlanSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")))).toEqual(p);
  });

  it("counts the gap reasons of every partition of the window, included or skipped", async () => {
    const { plan: p } = await plan({ from: "2026-03-20", to: "2026-03-26", reprocess: "missing" });
    expect(p.kind === "window" && p.gap_reason).toEqual({ missing_partition_report: 3, none: 4 });
    expect(p.upstream_manifest_id).toEqual([SEED]);
  });

  it("a single partition's plan keeps one manifest and one gap reason", async () => {
    const { plan: p } = await plan({ partition: "2026-03-15" });
    expect(p).toMatchObject({ kind: "partition", upstream_manifest_id: LATE, gap_reason: "stale_upstream" });
    expect(p.partitions[0]!.upstream_manifest_ids).toEqual([LATE, SEED]);
  });

  it("a window stored by plan version 2 still reads, says what it did not record, and executes only re-planned", async () => {
    const { plan: p } = await plan({ from: "2026-03-22", to: "2026-03-24", reprocess: "missing" });
    // The same plan as version 2 stored it: the first manifest's id and the first gap reason, no per-partition manifests.
    const v2 = {
      ...p,
      plan_version: 2,
      plan_id: "0123456789abcdef",
      plan_hash: "0123456789abcdef".padEnd(64, "0"),
      upstream_manifest_id: SEED,
      gap_reason: "missing_partition_report",
      partitions: p.partitions.map(({ upstream_manifest_ids: _ids, ...row }) => row),
    };
    await db.plan.create({
      data: {
        id: v2.plan_id,
        planHash: v2.plan_hash,
        kind: "window",
        recoveryAction: "backfill",
        partitionKey: "2026-03-22",
        toKey: "2026-03-24",
        reprocessMode: "missing",
        status: "planned",
        operator,
        reportPath: v2.report_path,
        expectedCount: v2.expected_input_count,
        currentCount: v2.current_output_count,
        document: JSON.stringify(v2),
      },
    });
    const stored = await getPlan(v2.plan_id);
    expect(stored).toMatchObject({
      madeByVersion: 2,
      plan: {
        kind: "window",
        upstream_manifest_id: [SEED],
        gap_reason: { missing_partition_report: 3 },
        partitions: [{ upstream_manifest_ids: [] }, { upstream_manifest_ids: [] }, { upstream_manifest_ids: [] }],
      },
    });
    expect(await driftOf(stored!.plan)).toEqual(text("engine.planHashMismatch"));
    const executed = await executePlan(v2.plan_id, operator);
    expect(executed).toMatchObject({ ok: false, drifted: true });
    expect(await db.run.count({ where: { planId: v2.plan_id } })).toBe(0);
  });
});

describe("bad input is refused with its own message and writes nothing", () => {
  it.each([
    [
      { partition: "2026-04-17", mode: "bogus" },
      "Unsupported Week06 backfill mode: bogus (expected dry-run or execute)",
      "invalid",
    ],
    [{ partition: "2026-02-30" }, 'partition: "2026-02-30" is not a real calendar date', "invalid"],
    [
      { partition: "17/04/2026" },
      'partition: "17/04/2026" is not a partition key: expected a date as YYYY-MM-DD',
      "invalid",
    ],
    [
      { partition: "2026-05-01" },
      "2026-05-01..2026-05-01 is outside the partitions definition 2026-03-01..2026-04-30",
      "invalid",
    ],
    [{ from: "2026-03-26", to: "2026-03-20" }, "the window ends (2026-03-20) before it starts (2026-03-26)", "invalid"],
    [{ from: "2026-03-20" }, "a window needs both from and to", "invalid"],
    [
      { from: "2026-03-20", to: "2026-03-26", reprocess: "everything" },
      "Unsupported reprocess mode: everything (expected missing, failed_and_missing or all)",
      "invalid",
    ],
    [
      { partition: "2026-04-17", action: "nuke" },
      "Unsupported recovery action: nuke (expected retry, rerun, replay, backfill, restore)",
      "invalid",
    ],
    [
      { partition: "2026-04-17", action: "restore" },
      "restore: 2026-04-17 is not quarantined; its current state is trusted",
      "unprocessable",
    ],
    [
      { partition: "2026-03-15", action: "replay", manifest: "week06-broken-manifest-003" },
      "replay needs a valid manifest covering 2026-03-15: week06-broken-manifest-003 is not one",
      "unprocessable",
    ],
  ])("%j → %s", async (request, message, code) => {
    const plansBefore = await db.plan.count();
    const result = await createPlan(request, operator);
    expect(result).toMatchObject({ ok: false, code, message });
    expect(await db.plan.count()).toBe(plansBefore);
    const refused = await db.auditEvent.findFirst({
      where: { action: "plan.create", outcome: "refused" },
      orderBy: { id: "desc" },
    });
    // The reason in English, and as the message each reader of the audit gets in their language.
    expect(auditDetail(refused!.detail)).toMatchObject({
      reason: message,
      texts: { reason: result.ok ? null : result.text },
    });
  });

  it("a refused window writes no plan file", async () => {
    await createPlan({ from: "2026-03-01", to: "2026-03-02" }, operator);
    expect(fs.existsSync(planFile("backfill", "2026-03-01_2026-03-02"))).toBe(false);
  });
});
