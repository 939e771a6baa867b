// The partition report: a JSON summary of a partition's silver rows. Deterministic (no timestamps), so
// rebuilding an unchanged partition rewrites the same bytes.
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { partitionWindow, type PartitionKey } from "@/lib/domain/partition";
import { toJson, writeFileAtomic } from "@/lib/files";

export function partitionReportPath(key: string): string {
  return path.join(config().reportDir, "partitions", `partition_report_${key}.json`);
}

export interface PartitionReport {
  partition_key: string;
  window_start: string;
  window_end: string;
  source_manifests: string[];
  ticket_count: number;
  by_priority: Record<string, number>;
  by_channel: Record<string, number>;
  by_event_type: Record<string, number>;
}

function tally(values: (string | null)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values.map((x) => x ?? "(none)").sort()) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export function buildPartitionReport(
  key: PartitionKey,
  manifests: string[],
  rows: { priority: string | null; channel: string; eventType: string }[],
): PartitionReport {
  return {
    partition_key: key,
    ...partitionWindow(key),
    source_manifests: [...manifests].sort(),
    ticket_count: rows.length,
    by_priority: tally(rows.map((r) => r.priority)),
    by_channel: tally(rows.map((r) => r.channel)),
    by_event_type: tally(rows.map((r) => r.eventType)),
  };
}

export function writePartitionReport(report: PartitionReport): string {
  const file = partitionReportPath(report.partition_key);
  writeFileAtomic(file, toJson(report));
  return file;
}

/** The ticket_count the report file on disk states, or null when there is no readable report. */
export function readReportTicketCount(key: string): number | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(partitionReportPath(key), "utf8")) as { ticket_count?: unknown };
    return typeof parsed.ticket_count === "number" ? parsed.ticket_count : null;
  } catch {
    return null;
  }
}
