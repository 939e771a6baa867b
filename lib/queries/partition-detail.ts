// Everything the partition page shows about one partition.
import { db } from "@/lib/db";
import { partitionWindow, type PartitionKey } from "@/lib/domain/partition";
import { partitionInput } from "@/lib/queries/inputs";
import { RECOVERY_ACTIONS, checkPrecondition, fittingAction } from "@/lib/domain/recovery";
import { partitionFacts } from "@/lib/queries/partition-facts";
import { runRows } from "@/lib/queries/runs";
import { policy } from "@/lib/policy";

export async function partitionDetail(key: PartitionKey) {
  const [[facts], input, runs, snapshots, recordCounts] = await Promise.all([
    partitionFacts(key, key),
    partitionInput(key),
    runRows({ partitionKey: key }),
    db.snapshot.findMany({
      where: { partitionKey: key },
      orderBy: { id: "desc" },
      select: { id: true, assetKey: true, takenBeforeRunId: true, rowCount: true, takenAt: true, checksPassed: true },
    }),
    db.manifestRecord.groupBy({ by: ["manifestPk"], where: { partitionKey: key }, _count: { _all: true } }),
  ]);
  // The checks of each asset's latest materialization: what its status rests on.
  const latest = await db.materialization.groupBy({ by: ["assetKey"], where: { partitionKey: key }, _max: { id: true } });
  const checks = await db.checkResult.findMany({
    where: { materializationId: { in: latest.map((m) => m._max.id!).filter(Boolean) } },
    orderBy: [{ passed: "asc" }, { id: "asc" }],
  });
  const records = new Map(recordCounts.map((r) => [r.manifestPk, r._count._all]));
  return {
    key,
    ...partitionWindow(key),
    statuses: facts!.assets.map((a) => ({ ...a, expected_input_count: facts!.expectedInputCount })),
    fittingAction: fittingAction(facts!, policy()),
    actions: RECOVERY_ACTIONS.map((action) => checkPrecondition(action, facts!, policy())),
    expectedInputCount: input.expectedInputCount,
    manifests: input.manifests.map((m) => ({ ...m, recordsInPartition: records.get(m.pk) ?? 0 })),
    runs,
    checks,
    snapshots,
  };
}

export type PartitionDetail = Awaited<ReturnType<typeof partitionDetail>>;
