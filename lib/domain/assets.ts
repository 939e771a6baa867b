// The Week06 asset graph. The store holds a copy (seeded) so pages and downstream jobs can read it.
import type { Locale } from "@/lib/i18n/locales";
import { render, text, type TextValue } from "@/lib/i18n/text";

export const RAW_ASSET = "week06/ingestion/raw_ticket_events_partitioned";
export const SILVER_ASSET = "week06/silver/ticket_fact_partitioned";
export const REPORT_ASSET = "week06/reports/partition_report";

/** Assets the pipeline builds per partition, in build order. */
export const PARTITIONED_ASSETS = [RAW_ASSET, SILVER_ASSET, REPORT_ASSET] as const;
export type PartitionedAsset = (typeof PARTITIONED_ASSETS)[number];

export const DOWNSTREAM_CONSUMERS = ["week07", "week08"] as const;
export type Consumer = (typeof DOWNSTREAM_CONSUMERS)[number];

export interface AssetDefinition {
  key: string;
  kind: "raw" | "silver" | "report" | "consumer";
  label: string;
  description: string;
}

export const ASSET_DEFINITIONS: AssetDefinition[] = [
  {
    key: RAW_ASSET,
    kind: "raw",
    label: "Raw ticket events",
    description: "Ticket events from the valid manifests, one row per ticket per partition (the guard).",
  },
  {
    key: SILVER_ASSET,
    kind: "silver",
    label: "Silver ticket facts",
    description: "Raw rows with UTC timestamps and priorities normalised to P1..P4.",
  },
  {
    key: REPORT_ASSET,
    kind: "report",
    label: "Partition report",
    description: "A JSON summary of the partition's silver rows, written under WEEK06_REPORT_DIR.",
  },
  { key: "week07", kind: "consumer", label: "Week07 jobs", description: "Downstream consumer of silver ticket facts." },
  { key: "week08", kind: "consumer", label: "Week08 jobs", description: "Downstream consumer of silver ticket facts." },
];

export const ASSET_EDGES: [upstream: string, downstream: string][] = [
  [RAW_ASSET, SILVER_ASSET],
  [SILVER_ASSET, REPORT_ASSET],
  [SILVER_ASSET, "week07"],
  [SILVER_ASSET, "week08"],
];

export function assetLabel(key: string): string {
  return ASSET_DEFINITIONS.find((a) => a.key === key)?.label ?? key;
}

const NAMED = {
  [RAW_ASSET]: "raw",
  [SILVER_ASSET]: "silver",
  [REPORT_ASSET]: "report",
  week07: "week07",
  week08: "week08",
} as const;

/** An asset's name in each reader's language (lower case mid-sentence, as English needs); a generated asset keeps its label. */
export function assetText(key: string, { lower = false } = {}): TextValue {
  const named = NAMED[key as keyof typeof NAMED];
  if (!named) return lower ? assetLabel(key).toLowerCase() : assetLabel(key);
  return lower && named !== "week07" && named !== "week08"
    ? text(`assetName.lower.${named}`)
    : text(`assetName.${named}`);
}

/** An asset's name in `locale`; `fallback` names an asset this module does not know (a generated one). */
export function assetName(key: string, locale: Locale, fallback?: string): string {
  if (!(key in NAMED) && fallback) return fallback;
  return render(assetText(key), locale);
}

/** Which of the catalog's `assetName` messages names the asset, or null for an asset this module does not know. */
export function assetNameKey(key: string): (typeof NAMED)[keyof typeof NAMED] | null {
  return Object.hasOwn(NAMED, key) ? NAMED[key as keyof typeof NAMED] : null;
}

/** Up to three names as a sentence lists them ("a and b"; "a, b" with `comma`), in each reader's language. */
export function nameList(items: TextValue[], { comma = false } = {}): TextValue {
  // Lists here name the partitioned assets: never more than three.
  if (items.length > 3) throw new Error(`nameList takes at most 3 names, not ${items.length}`);
  if (items.length <= 1) return items[0] ?? "";
  const [a, b, c] = items as [TextValue, TextValue, TextValue?];
  if (c === undefined) return text(comma ? "list.comma2" : "list.and2", { a, b });
  return text(comma ? "list.comma3" : "list.and3", { a, b, c });
}
