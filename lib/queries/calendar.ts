// What the calendar page shows: the cells of a range for one page of assets, the gaps across all assets, and
// counts per status. Statuses come from a fixed number of queries whatever the number of cells.
import { config } from "@/lib/config";
import { addDays, type PartitionKey } from "@/lib/domain/partition";
import { isGap, worstStatus, type PartitionStatus } from "@/lib/domain/status";
import { partitionedAssets, partitionStatuses, type AssetPartitionStatus } from "@/lib/queries/partitions";

export const ASSETS_PER_PAGE = 6;
export const GAPS_LISTED = 50;

export interface CalendarData {
  from: PartitionKey;
  to: PartitionKey;
  defaultPartition: PartitionKey;
  assets: { key: string; label: string }[];
  /** Label of every asset, for the gap list (which spans all asset pages). */
  labels: Record<string, string>;
  assetPage: number;
  assetPages: number;
  totalAssets: number;
  cells: AssetPartitionStatus[];
  counts: Partial<Record<PartitionStatus, number>>;
  gaps: { partition_key: PartitionKey; status: PartitionStatus; assets: AssetPartitionStatus[] }[];
  totalGaps: number;
}

/** The range shown when none is asked for: the whole definition, or its last year when it is longer. */
export function defaultRange(): { from: PartitionKey; to: PartitionKey } {
  const { start, end } = config().partitions;
  const yearBack = addDays(end, -364);
  return { from: yearBack > start ? yearBack : start, to: end };
}

export async function calendarData(from: PartitionKey, to: PartitionKey, assetPage = 1): Promise<CalendarData> {
  const all = await partitionedAssets();
  const cells = await partitionStatuses(from, to, undefined, all.map((a) => a.key));
  const counts: Partial<Record<PartitionStatus, number>> = {};
  const byPartition = new Map<PartitionKey, AssetPartitionStatus[]>();
  for (const c of cells) {
    counts[c.status] = (counts[c.status] ?? 0) + 1;
    if (!isGap(c.status)) continue;
    const list = byPartition.get(c.partition_key) ?? [];
    list.push(c);
    byPartition.set(c.partition_key, list);
  }
  const gaps = [...byPartition.entries()].map(([partition_key, assets]) => ({ partition_key, status: worstStatus(assets.map((a) => a.status)), assets }));
  const assetPages = Math.max(1, Math.ceil(all.length / ASSETS_PER_PAGE));
  const page = Math.min(Math.max(1, assetPage), assetPages);
  const shown = all.slice((page - 1) * ASSETS_PER_PAGE, page * ASSETS_PER_PAGE);
  const shownKeys = new Set(shown.map((a) => a.key));
  return {
    from,
    to,
    defaultPartition: config().defaultPartition,
    assets: shown,
    labels: Object.fromEntries(all.map((a) => [a.key, a.label])),
    assetPage: page,
    assetPages,
    totalAssets: all.length,
    cells: cells.filter((c) => shownKeys.has(c.asset)),
    counts,
    gaps: gaps.slice(0, GAPS_LISTED),
    totalGaps: gaps.length,
  };
}
