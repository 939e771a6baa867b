// The downstream gate: may week07/week08 read silver ticket facts of a partition? Only when released.
import { db } from "@/lib/db";
import { SILVER_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { STATUS_DESCRIPTIONS } from "@/lib/domain/status";
import { partitionStatuses } from "@/lib/queries/partitions";

export interface Consumption {
  partition_key: string;
  consumer: string;
  consumable: boolean;
  reason: string;
  evidence_id: number | null;
}

export async function consumption(key: PartitionKey, consumer: string): Promise<Consumption> {
  const [silver] = (await partitionStatuses(key, key)).filter((s) => s.asset === SILVER_ASSET);
  const latest = await db.materialization.findFirst({
    where: { assetKey: SILVER_ASSET, partitionKey: key },
    orderBy: { id: "desc" },
    select: { runId: true, run: { select: { evidence: { select: { id: true, reviews: { orderBy: { id: "desc" }, take: 1 } } } } } },
  });
  const evidence = latest?.run.evidence ?? null;
  const review = evidence?.reviews[0];
  const status = silver!.status;
  const consumable = status === "released";
  const reason = consumable
    ? `released: evidence ${evidence!.id} of run ${latest!.runId} approved by ${review!.reviewer}`
    : `held: silver is ${status} (${STATUS_DESCRIPTIONS[status]})${latest && !review && status === "pending_review" ? `; run ${latest.runId} awaits review` : ""}`;
  return { partition_key: key, consumer, consumable, reason, evidence_id: evidence?.id ?? null };
}
