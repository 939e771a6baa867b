// The facts the planner and the recovery actions decide on, for every partition of a range, in a fixed
// number of queries (seven) whatever the number of partitions.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { PARTITIONED_ASSETS } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import type { FailedRunFact, PartitionFacts, SnapshotFact } from "@/lib/domain/recovery";
import { partitionInputs } from "@/lib/read-model/inputs";
import { partitionStatuses } from "@/lib/read-model/partitions";
import { manifestIds, runErrorText, targetAssets } from "@/lib/store-json";
import { recordedOr } from "@/lib/i18n/text";

export async function partitionFacts(from: PartitionKey, to: PartitionKey): Promise<PartitionFacts[]> {
  const inputs = await partitionInputs(from, to);
  const [statuses, reflected, lastRuns, snapshots] = await Promise.all([
    partitionStatuses(from, to, inputs),
    db.$queryRaw<{ assetKey: string; partitionKey: string; manifestIds: string }[]>`
      SELECT m."assetKey" AS "assetKey", m."partitionKey" AS "partitionKey", m."manifestIds" AS "manifestIds"
      FROM "Materialization" m
      JOIN (SELECT MAX("id") AS id FROM "Materialization"
            WHERE "status" = 'succeeded' AND "partitionKey" BETWEEN ${from} AND ${to} AND "assetKey" IN (${Prisma.join([...PARTITIONED_ASSETS])})
            GROUP BY "assetKey", "partitionKey") latest ON latest.id = m."id"`,
    db.$queryRaw<
      {
        id: number;
        partitionKey: string;
        status: string;
        errorKind: string | null;
        error: string | null;
        errorText: string | null;
        attempt: number;
        targetAssets: string;
      }[]
    >`
      SELECT r."id" AS id, r."partitionKey" AS "partitionKey", r."status" AS status, r."errorKind" AS "errorKind",
             r."error" AS error, r."errorText" AS "errorText", r."attempt" AS attempt, r."targetAssets" AS "targetAssets"
      FROM "Run" r
      JOIN (SELECT MAX("id") AS id FROM "Run" WHERE "partitionKey" BETWEEN ${from} AND ${to} GROUP BY "partitionKey") latest
        ON latest.id = r."id"`,
    db.snapshot.findMany({
      where: { partitionKey: { gte: from, lte: to } },
      orderBy: { id: "desc" },
      select: {
        id: true,
        assetKey: true,
        partitionKey: true,
        rowCount: true,
        takenBeforeRunId: true,
        checksPassed: true,
      },
    }),
  ]);
  const reflectedBy = new Map(reflected.map((r) => [`${r.assetKey}|${r.partitionKey}`, manifestIds(r.manifestIds)]));
  const failedBy = new Map<string, FailedRunFact>(
    lastRuns
      .filter((r) => r.status === "failed" || r.status === "interrupted")
      .map((r) => [
        r.partitionKey,
        {
          runId: Number(r.id),
          errorKind: r.errorKind,
          error: r.error === null ? null : recordedOr(runErrorText(r.errorText), r.error),
          attempt: Number(r.attempt),
          targetAssets: targetAssets(r.targetAssets),
        },
      ]),
  );
  const snapshotsBy = new Map<string, SnapshotFact[]>();
  for (const s of snapshots) {
    const list = snapshotsBy.get(s.partitionKey) ?? [];
    list.push({
      snapshotId: s.id,
      asset: s.assetKey,
      rowCount: s.rowCount,
      takenBeforeRunId: s.takenBeforeRunId,
      trusted: s.checksPassed,
    });
    snapshotsBy.set(s.partitionKey, list);
  }
  const byPartition = new Map<PartitionKey, PartitionFacts>();
  for (const s of statuses) {
    let facts = byPartition.get(s.partition_key);
    if (!facts) {
      const input = inputs.get(s.partition_key)!;
      facts = {
        partitionKey: s.partition_key,
        assets: [],
        expectedInputCount: input.expectedInputCount,
        coveringManifests: input.manifests.map((m) => ({ manifestId: m.manifestId, sha256: m.contentSha256 })),
        lastFailedRun: failedBy.get(s.partition_key) ?? null,
        snapshots: snapshotsBy.get(s.partition_key) ?? [],
      };
      byPartition.set(s.partition_key, facts);
    }
    facts.assets.push({
      asset: s.asset,
      status: s.status,
      gap_reason: s.gap_reason,
      current_output_count: s.current_output_count,
      reflectedManifestIds: reflectedBy.get(`${s.asset}|${s.partition_key}`) ?? [],
    });
  }
  return [...byPartition.values()];
}
