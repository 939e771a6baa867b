// The downstream gate: may week07/week08 read silver ticket facts of a partition? Only when released — by an approval
// whose signature verifies (lib/read-model/approvals.ts). Answered for one partition, a range, or "what became
// consumable since my last read" (a cursor over approvals). This is the one gate: the API answers from it, and every
// page that says "released" or "consumable" reads it (through lib/views), so the two can never disagree.
import { db } from "@/lib/db";
import { SILVER_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import type { PartitionStatus } from "@/lib/domain/status";
import { render, text, type Text } from "@/lib/i18n/text";
import { jsonValues, rawRows } from "@/lib/raw";
import type { UnverifiedApproval } from "@/lib/read-model/approvals";
import { checkedStatuses } from "@/lib/read-model/partitions";

export interface Consumption {
  partition_key: string;
  consumer: string;
  consumable: boolean;
  reason: string;
  evidence_id: number | null;
}

/** The gate's answer for one partition, as facts: the API words it in English, pages in the reader's language. */
export interface Gate {
  partition_key: PartitionKey;
  consumable: boolean;
  /** Silver's status: what downstream reads. */
  status: PartitionStatus;
  /** The silver build the partition holds now: its run and evidence. */
  runId: number | null;
  evidenceId: number | null;
  /** Who approved it, when that approval verifies (released). */
  reviewer: string | null;
  /** The approval silver's status would rest on that does not verify: no decision. */
  unverified: UnverifiedApproval | null;
  /** Silver is built and checked, and nobody decided yet. */
  awaitingReview: boolean;
}

interface LatestSilver {
  partitionKey: string;
  runId: number | bigint;
  evidenceId: number | bigint | null;
  reviewer: string | null;
}

/** The gate for every partition of `from..to` (or only the partitions `only` names), in a fixed number of queries. */
export async function releaseGate(from: PartitionKey, to: PartitionKey, only?: PartitionKey[]): Promise<Gate[]> {
  const onlyJson = only ? JSON.stringify(only) : null;
  const [{ statuses, unverified }, latest] = await Promise.all([
    checkedStatuses(from, to, undefined, [SILVER_ASSET], only),
    // The silver build each partition holds now, its evidence and the review its status rests on.
    rawRows<LatestSilver>(
      `SELECT ps."partitionKey" AS "partitionKey", m."runId" AS "runId", e."id" AS "evidenceId", v."reviewer" AS reviewer
       FROM "PartitionState" ps
       JOIN "Materialization" m ON m."id" = ps."materializationId"
       LEFT JOIN "Evidence" e ON e."runId" = m."runId"
       LEFT JOIN "Review" v ON v."id" = ps."reviewId"
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
  const untrusted = new Map(unverified.flatMap((u) => (u.runId === null ? [] : [[u.runId, u] as const])));
  return statuses.map(({ partition_key, status }) => {
    const l = byKey.get(partition_key);
    const runId = l ? Number(l.runId) : null;
    const consumable = status === "released";
    const unverifiedHere = (runId !== null ? untrusted.get(runId) : undefined) ?? null;
    return {
      partition_key,
      consumable,
      status,
      runId,
      evidenceId: l?.evidenceId == null ? null : Number(l.evidenceId),
      reviewer: consumable ? (l?.reviewer ?? null) : null,
      unverified: status === "pending_review" ? unverifiedHere : null,
      awaitingReview: status === "pending_review" && !unverifiedHere && !l?.reviewer,
    };
  });
}

/** Why the gate answered as it did, in a sentence (the API's `reason` is its English rendering). */
export function gateReason(g: Gate): Text {
  if (g.consumable)
    return text("consumption.released", {
      evidenceId: g.evidenceId ?? "—",
      runId: g.runId ?? "—",
      reviewer: g.reviewer ?? "—",
    });
  const held = { status: g.status, description: text(`status.description.${g.status}`) };
  if (g.unverified)
    return text("consumption.heldUnverified", {
      ...held,
      evidenceId: g.evidenceId ?? "—",
      reviewer: g.unverified.reviewer ?? "—",
    });
  if (g.awaitingReview && g.runId !== null) return text("consumption.heldAwaiting", { ...held, runId: g.runId });
  return text("consumption.held", held);
}

/** The gate for every partition of `from..to` (or only `only`), as the consumption API answers it. */
export async function consumptionOf(
  from: PartitionKey,
  to: PartitionKey,
  consumer: string,
  only?: PartitionKey[],
): Promise<Consumption[]> {
  return (await releaseGate(from, to, only)).map((g) => ({
    partition_key: g.partition_key,
    consumer,
    consumable: g.consumable,
    reason: render(gateReason(g), "en"),
    evidence_id: g.evidenceId,
  }));
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
