// The downstream gate: may week07/week08 read silver ticket facts of a partition? Only when released. Answered for
// one partition, a range, or "what became consumable since my last read" (a cursor over approvals).
import { db } from "@/lib/db";
import { SILVER_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { render, text } from "@/lib/i18n/text";
import { jsonValues, rawRows } from "@/lib/raw";
import { partitionStatuses } from "@/lib/read-model/partitions";

export interface Consumption {
  partition_key: string;
  consumer: string;
  consumable: boolean;
  reason: string;
  evidence_id: number | null;
}

interface LatestSilver {
  partitionKey: string;
  runId: number;
  evidenceId: number | null;
  reviewer: string | null;
}

/** The gate for every partition of `from..to` (or only the partitions `only` names), in a fixed number of queries. */
export async function consumptionOf(
  from: PartitionKey,
  to: PartitionKey,
  consumer: string,
  only?: PartitionKey[],
): Promise<Consumption[]> {
  const onlyJson = only ? JSON.stringify(only) : null;
  const [statuses, latest] = await Promise.all([
    partitionStatuses(from, to, undefined, [SILVER_ASSET], only),
    // The silver build each partition holds now, its evidence and that evidence's latest review.
    rawRows<LatestSilver>(
      `SELECT ps."partitionKey" AS "partitionKey", m."runId" AS "runId", e."id" AS "evidenceId",
              (SELECT v."reviewer" FROM "Review" v WHERE v."evidenceId" = e."id" ORDER BY v."id" DESC LIMIT 1) AS reviewer
       FROM "PartitionState" ps
       JOIN "Materialization" m ON m."id" = ps."materializationId"
       LEFT JOIN "Evidence" e ON e."runId" = m."runId"
       WHERE ps."assetKey" = ? AND ps."partitionKey" BETWEEN ? AND ?
         AND (CAST(? AS TEXT) IS NULL OR ps."partitionKey" IN (${jsonValues()}))`,
      SILVER_ASSET,
      from,
      to,
      onlyJson,
      onlyJson,
    ),
  ]);
  const byKey = new Map(latest.map((l) => [l.partitionKey, l]));
  return statuses.map(({ partition_key, status }) => {
    const l = byKey.get(partition_key);
    const consumable = status === "released";
    const reason = consumable
      ? `released: evidence ${l!.evidenceId} of run ${l!.runId} approved by ${l!.reviewer}`
      : `held: silver is ${status} (${render(text(`status.description.${status}`), "en")})${l && !l.reviewer && status === "pending_review" ? `; run ${l.runId} awaits review` : ""}`;
    return { partition_key, consumer, consumable, reason, evidence_id: l?.evidenceId ?? null };
  });
}

export async function consumption(key: PartitionKey, consumer: string): Promise<Consumption> {
  return (await consumptionOf(key, key, consumer))[0]!;
}

export interface ReleasedSince {
  consumer: string;
  since: number;
  /** Pass it as `since` next time; it does not move when nothing was approved. */
  next_since: number;
  /** More approvals than one answer holds: ask again with next_since. */
  has_more: boolean;
  /** Partitions approved after the cursor that are still consumable now, oldest approval first. */
  partitions: (Consumption & { released_at: string; review_id: number })[];
}

export const RELEASED_SINCE_LIMIT = 500;

/** What became consumable after approval `since` (a review id: approvals are numbered in the order they commit — on PostgreSQL because decisions take turns, lib/pipeline/review.ts). */
export async function releasedSince(
  since: number,
  consumer: string,
  limit = RELEASED_SINCE_LIMIT,
): Promise<ReleasedSince> {
  const approvals = (
    await db.$queryRaw<
      { id: number | bigint; createdAt: string | Date; evidenceId: number | bigint; partitionKey: string }[]
    >`
      SELECT v."id" AS id, v."createdAt" AS "createdAt", v."evidenceId" AS "evidenceId", e."partitionKey" AS "partitionKey"
      FROM "Review" v JOIN "Evidence" e ON e."id" = v."evidenceId"
      WHERE v."id" > ${since} AND v."decision" = 'approved'
      ORDER BY v."id" ASC LIMIT ${limit + 1}`
  ).map((a) => ({
    id: Number(a.id),
    createdAt: new Date(a.createdAt),
    evidenceId: Number(a.evidenceId),
    partitionKey: a.partitionKey,
  }));
  const page = approvals.slice(0, limit);
  const next_since = page.at(-1)?.id ?? since;
  const keys = [...new Set(page.map((a) => a.partitionKey as PartitionKey))].sort();
  if (keys.length === 0) return { consumer, since, next_since, has_more: false, partitions: [] };
  const gates = new Map((await consumptionOf(keys[0]!, keys.at(-1)!, consumer, keys)).map((c) => [c.partition_key, c]));
  const partitions: ReleasedSince["partitions"] = [];
  const seen = new Set<string>();
  // One entry per partition: the approval of the silver build it holds now, if that is after the cursor and the
  // partition is still consumable (a later rewrite withdrew it otherwise; its own approval will list it again).
  for (const a of page) {
    const gate = gates.get(a.partitionKey);
    if (!gate?.consumable || gate.evidence_id !== a.evidenceId || seen.has(gate.partition_key)) continue;
    seen.add(gate.partition_key);
    partitions.push({ ...gate, released_at: a.createdAt.toISOString(), review_id: a.id });
  }
  return { consumer, since, next_since, has_more: approvals.length > limit, partitions };
}
