// One run's steps (lib/engine/execute-run.ts): a blocking check that fails on an asset stops the run there — the
// assets downstream are not built from data that failed its checks.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PARTITIONED_ASSETS, RAW_ASSET } from "@/lib/domain/assets";
import { planAndExecute, useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

describe("a run whose blocking check fails", () => {
  it("stops at that asset: silver and the report are not built from raw that failed guard_unique", async () => {
    // A fail_check drill in force for raw of 2026-04-17 (never built): raw's guard_unique fails, whatever the data.
    await db.drill.create({
      data: {
        kind: "fail_check",
        assetKey: RAW_ASSET,
        partitionKey: "2026-04-17",
        checkName: "guard_unique",
        status: "applied",
        operator: "operator@example.com",
      },
    });
    const { summaries, runIds } = await planAndExecute({ partition: "2026-04-17" });
    expect(summaries).toEqual([expect.objectContaining({ checksFailed: 1 })]);
    const steps = await db.materialization.findMany({
      where: { runId: runIds[0]! },
      orderBy: { id: "asc" },
      select: { assetKey: true, status: true },
    });
    expect(PARTITIONED_ASSETS[0]).toBe(RAW_ASSET);
    expect(steps).toEqual([{ assetKey: RAW_ASSET, status: "succeeded" }]);
    expect(await db.rawTicketEvent.count({ where: { partitionKey: "2026-04-17" } })).toBe(3);
    expect(await db.silverTicketFact.count({ where: { partitionKey: "2026-04-17" } })).toBe(0);
  });
});
