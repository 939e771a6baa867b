// The Week06 asset graph. The store holds a copy (seeded) so pages and downstream jobs can read it.

export const RAW_ASSET = "week06/ingestion/raw_ticket_events_partitioned";
export const SILVER_ASSET = "week06/silver/ticket_fact_partitioned";
export const REPORT_ASSET = "week06/reports/partition_report";

/** Assets the pipeline builds per partition, in build order. */
export const PARTITIONED_ASSETS = [RAW_ASSET, SILVER_ASSET, REPORT_ASSET] as const;
export type PartitionedAsset = (typeof PARTITIONED_ASSETS)[number];

export const DOWNSTREAM_CONSUMERS = ["week07", "week08"] as const;

export interface AssetDefinition {
  key: string;
  kind: "raw" | "silver" | "report" | "consumer";
  label: string;
  description: string;
}

export const ASSET_DEFINITIONS: AssetDefinition[] = [
  { key: RAW_ASSET, kind: "raw", label: "Raw ticket events", description: "Ticket events from the valid manifests, one row per ticket per partition (the guard)." },
  { key: SILVER_ASSET, kind: "silver", label: "Silver ticket facts", description: "Raw rows with UTC timestamps and priorities normalised to P1..P4." },
  { key: REPORT_ASSET, kind: "report", label: "Partition report", description: "A JSON summary of the partition's silver rows, written under WEEK06_REPORT_DIR." },
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
