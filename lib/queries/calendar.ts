// What the calendar page shows: every (asset, partition) cell of a range, the gaps, and counts per status.
import { config } from "@/lib/config";
import { ASSET_DEFINITIONS, PARTITIONED_ASSETS } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { isGap, worstStatus, type PartitionStatus } from "@/lib/domain/status";
import { partitionStatuses, type AssetPartitionStatus } from "@/lib/queries/partitions";

export interface CalendarData {
  from: PartitionKey;
  to: PartitionKey;
  defaultPartition: PartitionKey;
  assets: { key: string; label: string }[];
  cells: AssetPartitionStatus[];
  counts: Partial<Record<PartitionStatus, number>>;
  gaps: { partition_key: PartitionKey; status: PartitionStatus; assets: AssetPartitionStatus[] }[];
}

export async function calendarData(from: PartitionKey, to: PartitionKey): Promise<CalendarData> {
  const cells = await partitionStatuses(from, to);
  const counts: Partial<Record<PartitionStatus, number>> = {};
  const byPartition = new Map<PartitionKey, AssetPartitionStatus[]>();
  for (const c of cells) {
    counts[c.status] = (counts[c.status] ?? 0) + 1;
    byPartition.set(c.partition_key, [...(byPartition.get(c.partition_key) ?? []), c]);
  }
  const gaps = [...byPartition.entries()]
    .filter(([, assets]) => assets.some((a) => isGap(a.status)))
    .map(([partition_key, assets]) => ({ partition_key, status: worstStatus(assets.map((a) => a.status)), assets: assets.filter((a) => isGap(a.status)) }));
  return {
    from,
    to,
    defaultPartition: config().defaultPartition,
    assets: PARTITIONED_ASSETS.map((key) => ({ key, label: ASSET_DEFINITIONS.find((a) => a.key === key)!.label })),
    cells,
    counts,
    gaps,
  };
}
