// Derived assets: downstream datasets that count what silver holds, one per (asset, partition), recorded in
// batches. Benchmarks use them to grow a store to 100,000 cells; each build still records a materialization,
// a check and evidence, and a reviewer's approval releases it like any other run.
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { recordEvidence } from "@/lib/pipeline/evidence";
import { reviewEvidence } from "@/lib/pipeline/review";

export function derivedAssetKey(n: number): string {
  return `bench/derived/asset_${String(n).padStart(3, "0")}`;
}

/** Builds every derived asset of a partition in one run (a few fail or are skipped, at random). */
export async function buildDerivedAssets(
  key: PartitionKey,
  assets: string[],
  operator: string,
  random: () => number,
  approve: boolean,
): Promise<number> {
  const silver = await db.materialization.findFirst({
    where: { assetKey: "week06/silver/ticket_fact_partitioned", partitionKey: key, status: "succeeded" },
    orderBy: { id: "desc" },
    select: { rowsAfter: true, manifestIds: true, fingerprint: true },
  });
  if (!silver) return 0;
  const targets = assets.filter(() => random() >= 0.02);
  const failing = new Set(targets.filter(() => random() < 0.01));
  const now = new Date();
  const run = await db.run.create({
    data: {
      action: "scheduled",
      partitionKey: key,
      targetAssets: JSON.stringify(targets),
      status: failing.size ? "failed" : "succeeded",
      operator,
      startedAt: now,
      finishedAt: now,
      stepsDone: targets.length,
      rowsAfter: silver.rowsAfter,
      error: failing.size ? `${failing.size} derived assets failed` : null,
      errorKind: failing.size ? "permanent" : null,
    },
  });
  // Two statements per partition, whatever the number of assets: a million-cell store stays minutes to generate.
  await db.$transaction(async (tx) => {
    const made = await tx.materialization.createManyAndReturn({
      data: targets.map((assetKey) => {
        const failed = failing.has(assetKey);
        return {
          runId: run.id,
          assetKey,
          partitionKey: key,
          status: failed ? "failed" : "succeeded",
          manifestIds: silver.manifestIds,
          fingerprint: silver.fingerprint,
          rowsBefore: 0,
          rowsAfter: failed ? null : silver.rowsAfter,
          error: failed ? "derived build failed" : null,
          startedAt: now,
          finishedAt: now,
        };
      }),
      select: { id: true, assetKey: true, status: true },
    });
    await tx.checkResult.createMany({
      data: made
        .filter((m) => m.status === "succeeded")
        .map((m) => ({
          runId: run.id,
          materializationId: m.id,
          assetKey: m.assetKey,
          partitionKey: key,
          name: "output_count_matches_expected",
          severity: "blocking",
          passed: true,
          observed: String(silver.rowsAfter),
          expected: String(silver.rowsAfter),
          message: "counts what silver holds",
        })),
    });
  });
  await recordEvidence(run.id, { status: failing.size ? "failed" : "succeeded", error: run.error, finishedAt: now });
  await audit({
    actor: operator,
    action: "run.derived",
    target: key,
    outcome: failing.size ? "failed" : "ok",
    detail: { runId: run.id, assets: targets.length },
  });
  if (approve && !failing.size) {
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: run.id }, select: { id: true } });
    await reviewEvidence({ evidenceId: evidence.id, reviewer: "reviewer@example.com", decision: "approved" });
  }
  return targets.length;
}
