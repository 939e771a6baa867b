// The benchmark generator on a small fresh store: every cell exists, derived assets are recorded with one check
// each, and the history it makes is what the calendar reads.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PARTITIONED_ASSETS } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { generateStore } from "@/lib/bench/generate";
import { migrateStore } from "@/lib/migrate-store";
import { partitionStatuses } from "@/lib/read-model/partitions";

describe("generateStore", () => {
  it("builds days × assets cells; each derived asset of a built day has its materialization and its check", async () => {
    await migrateStore();
    const result = await generateStore({
      days: 8,
      ticketsPerDay: 5,
      assets: 6,
      seed: 3,
      end: "2026-03-08" as PartitionKey,
    });
    expect(result).toMatchObject({ partitions: 8, cells: 48 });
    const derivedKeys = (await db.asset.findMany({ where: { kind: "derived" }, select: { key: true } })).map(
      (a) => a.key,
    );
    expect(derivedKeys).toHaveLength(3);
    const assets = [...PARTITIONED_ASSETS, ...derivedKeys];
    const statuses = await partitionStatuses(
      "2026-03-01" as PartitionKey,
      "2026-03-08" as PartitionKey,
      undefined,
      assets,
    );
    expect(statuses).toHaveLength(48);
    const derived = await db.materialization.findMany({
      where: { assetKey: { startsWith: "bench/derived/" } },
      include: { checks: true },
    });
    expect(derived.length).toBeGreaterThan(0);
    for (const m of derived)
      expect(m.checks.map((c) => c.name)).toEqual(m.status === "succeeded" ? ["output_count_matches_expected"] : []);
    // One derived run per built day, covering several assets.
    const runs = new Set(derived.map((m) => m.runId));
    expect(derived.length).toBeGreaterThan(runs.size);
  });
});
