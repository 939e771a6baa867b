// The calendar's compact form: a range's statuses as one character per day per asset, so a year of many assets
// travels as a few kilobytes and is drawn in the browser. Pure: encoded on the server, decoded by the grid.
import { STATUSES, type PartitionStatus } from "@/lib/domain/status";

const CODES: Record<PartitionStatus, string> = {
  released: "R",
  pending_review: "P",
  running: "U",
  stale: "S",
  failed: "F",
  quarantined: "Q",
  missing: "M",
};
const BY_CODE = Object.fromEntries(STATUSES.map((s) => [CODES[s], s])) as Record<string, PartitionStatus>;

export function encodeStatus(status: PartitionStatus): string {
  return CODES[status];
}

export function decodeStatus(code: string): PartitionStatus {
  const status = BY_CODE[code];
  if (!status) throw new Error(`unknown status code ${code}`);
  return status;
}

/** One asset's row of the calendar: `statuses[i]` and `current[i]` are day i of the range. */
export interface CompactAsset {
  key: string;
  label: string;
  statuses: string;
  current: number[];
}
