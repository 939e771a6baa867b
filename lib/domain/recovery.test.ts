// A rebuild never sits on an upstream nobody approved: a backfill that rebuilds only the missing assets of a
// partition is refused — in the precondition every planner, page and the server share — when an asset it builds on
// is not released. The issue it guards: a report rebuilt on failed silver was approved and looked released while
// downstream was held.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PARTITIONED_ASSETS } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { planWindow } from "@/lib/domain/plan";
import { checkPrecondition, type ActionPolicy, type PartitionFacts } from "@/lib/domain/recovery";
import type { PartitionStatus } from "@/lib/domain/status";

const policy = JSON.parse(fs.readFileSync(path.resolve("lib/policy/recovery-policy.json"), "utf8")) as ActionPolicy;

/** A partition whose raw, silver and report have these statuses. */
function facts(key: string, [raw, silver, report]: PartitionStatus[]): PartitionFacts {
  return {
    partitionKey: key as PartitionKey,
    assets: PARTITIONED_ASSETS.map((asset, i) => ({
      asset,
      status: [raw, silver, report][i]!,
      gap_reason: null,
      current_output_count: 3,
      reflectedManifestIds: ["m-001"],
    })),
    expectedInputCount: 3,
    coveringManifests: [{ manifestId: "m-001", sha256: "a".repeat(64) }],
    lastFailedRun: null,
    snapshots: [],
  };
}

describe("a backfill of what is missing", () => {
  it.each([
    ["failed", "the seeded 2026-04-03: silver failed, the report never built"],
    ["pending_review", "silver built but nobody approved it yet"],
    ["stale", "silver built from manifests that changed since"],
    ["quarantined", "silver failed a blocking check"],
  ] as const)("is refused on top of silver that is %s (%s)", (silver, _case) => {
    const pre = checkPrecondition("backfill", facts("2026-04-03", ["released", silver, "missing"]), policy);
    expect(pre).toMatchObject({
      ok: false,
      message: `backfill of 2026-04-03 would rebuild only partition report, on top of what is not released — silver ticket facts (${silver}): a rebuild never builds on an upstream nobody approved. Recover the partition first (its fitting action), then rebuild what is missing`,
    });
  });

  it("is refused when any asset below its first target is not released (raw failed under a missing silver)", () => {
    const pre = checkPrecondition("backfill", facts("2026-04-03", ["failed", "missing", "missing"]), policy);
    expect(pre.ok).toBe(false);
    expect(!pre.ok && pre.message).toMatch(
      /^backfill of 2026-04-03 would rebuild only silver ticket facts and partition report, on top of what is not released — raw ticket events \(failed\):/,
    );
  });

  it("rebuilds the report alone on released silver, and everything when the first asset is missing", () => {
    expect(
      checkPrecondition("backfill", facts("2026-04-20", ["released", "released", "missing"]), policy),
    ).toMatchObject({ ok: true, targetAssets: [PARTITIONED_ASSETS[2]] });
    expect(checkPrecondition("backfill", facts("2026-04-17", ["missing", "missing", "missing"]), policy)).toMatchObject(
      { ok: true, targetAssets: [...PARTITIONED_ASSETS] },
    );
  });

  it("is skipped by a window with the same reason, while the window's other holes are rebuilt", () => {
    const out = planWindow(
      [
        facts("2026-04-27", ["pending_review", "pending_review", "missing"]),
        facts("2026-04-28", ["missing", "missing", "missing"]),
      ],
      {
        policy,
        operator: "operator@example.com",
        mode: "dry-run",
        reportPath: "reports/week06/backfill/x.json",
        createdAt: "2026-11-28T00:00:00.000Z",
        from: "2026-04-27" as PartitionKey,
        to: "2026-04-28" as PartitionKey,
        reprocess: "missing",
      },
    );
    if (!out.ok) throw new Error(out.message);
    expect(out.plan.partitions.map((p) => [p.partition_key, p.included, p.reason])).toEqual([
      [
        "2026-04-27",
        false,
        "skipped: backfill of 2026-04-27 would rebuild only partition report, on top of what is not released — raw ticket events (pending_review) and silver ticket facts (pending_review): a rebuild never builds on an upstream nobody approved. Recover the partition first (its fitting action), then rebuild what is missing",
      ],
      ["2026-04-28", true, "included: missing, selected by reprocess mode missing"],
    ]);
  });
});
