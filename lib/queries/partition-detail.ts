// Everything the partition page shows about one partition.
import { db } from "@/lib/db";
import { partitionWindow, type PartitionKey } from "@/lib/domain/partition";
import { partitionInput } from "@/lib/queries/inputs";
import { RECOVERY_ACTIONS, checkPrecondition, fittingAction } from "@/lib/domain/recovery";
import { partitionFacts } from "@/lib/queries/partition-facts";

export async function partitionDetail(key: PartitionKey) {
  const [[facts], input, runs, snapshots, recordCounts] = await Promise.all([
    partitionFacts(key, key),
    partitionInput(key),
    db.run.findMany({
      where: { partitionKey: key },
      orderBy: { id: "desc" },
      include: {
        materializations: { orderBy: { id: "asc" } },
        _count: { select: { checks: { where: { passed: false } } } },
        evidence: { select: { id: true, path: true, reviews: { orderBy: { id: "desc" }, take: 1 } } },
      },
    }),
    db.snapshot.findMany({
      where: { partitionKey: key },
      orderBy: { id: "desc" },
      select: { id: true, assetKey: true, takenBeforeRunId: true, rowCount: true, takenAt: true, checksPassed: true },
    }),
    db.manifestRecord.groupBy({ by: ["manifestPk"], where: { partitionKey: key }, _count: { _all: true } }),
  ]);
  // The checks of each asset's latest materialization: what its status rests on.
  const latestIds = [...new Set(runs.flatMap((r) => r.materializations).map((m) => m.assetKey))].map(
    (asset) => Math.max(...runs.flatMap((r) => r.materializations).filter((m) => m.assetKey === asset).map((m) => m.id)),
  );
  const checks = await db.checkResult.findMany({
    where: { materializationId: { in: latestIds } },
    orderBy: [{ passed: "asc" }, { id: "asc" }],
  });
  const records = new Map(recordCounts.map((r) => [r.manifestPk, r._count._all]));
  return {
    key,
    ...partitionWindow(key),
    statuses: facts!.assets.map((a) => ({ ...a, expected_input_count: facts!.expectedInputCount })),
    fittingAction: fittingAction(facts!),
    actions: RECOVERY_ACTIONS.map((action) => checkPrecondition(action, facts!)),
    expectedInputCount: input.expectedInputCount,
    manifests: input.manifests.map((m) => ({ ...m, recordsInPartition: records.get(m.pk) ?? 0 })),
    runs,
    checks,
    snapshots,
  };
}

export type PartitionDetail = Awaited<ReturnType<typeof partitionDetail>>;
