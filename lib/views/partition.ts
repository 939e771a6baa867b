// Everything the partition page shows about one partition, in a fixed number of queries: its facts and status,
// the actions that fit, its manifests, one page of its runs and of its snapshots, the checks its status rests on.
import { db } from "@/lib/db";
import { partitionWindow, type PartitionKey } from "@/lib/domain/partition";
import { RECOVERY_ACTIONS, checkPrecondition, fittingAction } from "@/lib/domain/recovery";
import { policy } from "@/lib/policy";
import { partitionInput } from "@/lib/read-model/inputs";
import { partitionFacts } from "@/lib/read-model/partition-facts";
import { pageOf } from "@/lib/views/paging";
import { runPage } from "@/lib/views/runs";
import { downstreamOf } from "@/lib/views/evidence";

export const SNAPSHOTS_PER_PAGE = 10;

export async function partitionDetail(key: PartitionKey, pages: { runs?: number; snapshots?: number } = {}) {
  const snapshotsPage = Math.max(1, pages.snapshots ?? 1);
  const [[facts], input, runs, snapshotTotal, snapshots, recordCounts, checks, downstream] = await Promise.all([
    partitionFacts(key, key),
    partitionInput(key),
    runPage({ partitionKey: key }, Math.max(1, pages.runs ?? 1)),
    db.snapshot.count({ where: { partitionKey: key } }),
    db.snapshot.findMany({
      where: { partitionKey: key },
      orderBy: { id: "desc" },
      skip: (snapshotsPage - 1) * SNAPSHOTS_PER_PAGE,
      take: SNAPSHOTS_PER_PAGE,
      select: { id: true, assetKey: true, takenBeforeRunId: true, rowCount: true, takenAt: true, checksPassed: true },
    }),
    db.manifestRecord.groupBy({ by: ["manifestPk"], where: { partitionKey: key }, _count: { _all: true } }),
    // The checks of each asset's latest materialization (PartitionState points at it): what its status rests on.
    db.$queryRaw<
      {
        id: number;
        assetKey: string;
        name: string;
        severity: string;
        passed: number | boolean;
        observed: string;
        expected: string;
        message: string;
        texts: string | null;
      }[]
    >`
      SELECT c."id" AS id, c."assetKey" AS "assetKey", c."name" AS name, c."severity" AS severity, c."passed" AS passed,
             c."observed" AS observed, c."expected" AS expected, c."message" AS message,
             c."texts" AS texts
      FROM "PartitionState" ps JOIN "CheckResult" c ON c."materializationId" = ps."materializationId"
      WHERE ps."partitionKey" = ${key}
      ORDER BY c."passed" ASC, c."id" ASC`,
    downstreamOf(key),
  ]);
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
    checks: checks.map((c) => ({ ...c, passed: Boolean(Number(c.passed)) })),
    snapshots: pageOf(snapshots, snapshotTotal, SNAPSHOTS_PER_PAGE),
    /** What the downstream gate answers for this partition, in a sentence (the consumption API's own answer). */
    downstream: downstream.why,
  };
}

export type PartitionDetail = Awaited<ReturnType<typeof partitionDetail>>;
