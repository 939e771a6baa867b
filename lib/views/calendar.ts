// What the calendar page shows: the cells of a range for one page of assets, the gaps across all assets, and
// counts per status. Statuses come from a fixed number of queries whatever the number of cells.
import { config } from "@/lib/config";
import { decodeStatus, encodeStatus, type CompactAsset } from "@/lib/domain/calendar";
import { addDays, partitionRange, type PartitionKey } from "@/lib/domain/partition";
import { isGap, worstStatus, type PartitionStatus } from "@/lib/domain/status";
import { partitionInputs } from "@/lib/read-model/inputs";
import {
  partitionedAssets,
  partitionStatuses,
  statusCodes,
  type AssetPartitionStatus,
} from "@/lib/read-model/partitions";
import type { UnverifiedApproval } from "@/lib/read-model/approvals";

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
  /** The page's assets over the range, one status code and one row count per day (lib/domain/calendar.ts). */
  grid: CompactAsset[];
  /** Expected input per day of the range. */
  expected: number[];
  counts: Partial<Record<PartitionStatus, number>>;
  gaps: { partition_key: PartitionKey; status: PartitionStatus; assets: AssetPartitionStatus[] }[];
  totalGaps: number;
  /** Approvals of the range whose signature does not verify: their cells are held, and the health line says so. */
  unverified: UnverifiedApproval[];
}

/** Cells come partition by partition, each partition's assets in order (partitionStatuses). */
function compact(
  cells: AssetPartitionStatus[],
  shown: { key: string; label: string }[],
): { grid: CompactAsset[]; expected: number[] } {
  const rows = new Map(
    shown.map((a) => [a.key, { key: a.key, label: a.label, codes: [] as string[], current: [] as number[] }]),
  );
  const expected: number[] = [];
  for (const c of cells) {
    if (c.asset === cells[0]!.asset) expected.push(c.expected_input_count);
    const row = rows.get(c.asset);
    if (!row) continue;
    row.codes.push(encodeStatus(c.status));
    row.current.push(c.current_output_count);
  }
  return {
    grid: [...rows.values()].map((r) => ({
      key: r.key,
      label: r.label,
      statuses: r.codes.join(""),
      current: r.current,
    })),
    expected,
  };
}

/** The range shown when none is asked for: the whole definition, or its last year when it is longer. */
export function defaultRange(): { from: PartitionKey; to: PartitionKey } {
  const { start, end } = config().partitions;
  const yearBack = addDays(end, -364);
  return { from: yearBack > start ? yearBack : start, to: end };
}

export async function calendarData(from: PartitionKey, to: PartitionKey, assetPage = 1): Promise<CalendarData> {
  const all = await partitionedAssets();
  const assetPages = Math.max(1, Math.ceil(all.length / ASSETS_PER_PAGE));
  const page = Math.min(Math.max(1, assetPage), assetPages);
  const shown = all.slice((page - 1) * ASSETS_PER_PAGE, page * ASSETS_PER_PAGE);
  const inputs = await partitionInputs(from, to);
  // Every cell of every asset, as status codes (one SQL aggregate): the legend's counts and the gaps. Its check of
  // the range's approvals (lib/read-model/approvals.ts) serves the page's other reads too.
  const { codes, unverified } = await statusCodes(
    from,
    to,
    all.map((a) => a.key),
    inputs,
  );
  const cells = await partitionStatuses(
    from,
    to,
    inputs,
    shown.map((a) => a.key),
    undefined,
    unverified,
  );
  const keys = partitionRange(from, to);
  const counts: Partial<Record<PartitionStatus, number>> = {};
  const gapAssets = new Map<PartitionKey, { asset: string; status: PartitionStatus }[]>();
  for (const [asset, row] of codes) {
    for (let i = 0; i < row.length; i++) {
      const status = decodeStatus(row[i]!);
      counts[status] = (counts[status] ?? 0) + 1;
      if (!isGap(status)) continue;
      const list = gapAssets.get(keys[i]!) ?? [];
      list.push({ asset, status });
      gapAssets.set(keys[i]!, list);
    }
  }
  const gapKeys = keys.filter((k) => gapAssets.has(k));
  const listed = gapKeys.slice(0, GAPS_LISTED);
  // The listed gaps' counts: their cells only, in one more set of queries.
  const gapAssetKeys = [...new Set(listed.flatMap((k) => gapAssets.get(k)!.map((g) => g.asset)))];
  const details = listed.length
    ? await partitionStatuses(
        listed[0]!,
        listed.at(-1)!,
        inputs,
        all.map((a) => a.key).filter((a) => gapAssetKeys.includes(a)),
        listed,
        unverified,
      )
    : [];
  const gaps = listed.map((partition_key) => {
    const assets = details.filter((d) => d.partition_key === partition_key && isGap(d.status));
    return { partition_key, status: worstStatus(assets.map((a) => a.status)), assets };
  });
  return {
    from,
    to,
    defaultPartition: config().defaultPartition,
    assets: shown,
    labels: Object.fromEntries(all.map((a) => [a.key, a.label])),
    assetPage: page,
    assetPages,
    totalAssets: all.length,
    ...compact(cells, shown),
    counts,
    gaps,
    totalGaps: gapKeys.length,
    unverified,
  };
}
