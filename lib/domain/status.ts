// Status of one (asset, partition), derived from what the store recorded — never typed in. Pure.

export const STATUSES = ["released", "pending_review", "running", "stale", "failed", "quarantined", "missing"] as const;
export type PartitionStatus = (typeof STATUSES)[number];

/** Statuses that need a recovery action. */
export const GAP_STATUSES: readonly PartitionStatus[] = ["missing", "failed", "stale", "quarantined"];

export const GAP_REASONS = [
  "missing_partition_report",
  "failed_run",
  "stale_upstream",
  "check_failed",
  "evidence_rejected",
] as const;
export type GapReason = (typeof GAP_REASONS)[number];

/** Each gap reason in a sentence, for wherever its code is shown. */
/** A materialization (one asset's step in a run); reverted: a cancelled run's write, undone. */
export const MATERIALIZATION_STATUSES = ["running", "succeeded", "failed", "interrupted", "reverted"] as const;
export type MaterializationStatus = (typeof MATERIALIZATION_STATUSES)[number];

/** The latest materialization of the asset for the partition, as the store recorded it. */
export interface LatestMaterialization {
  status: "running" | "succeeded" | "failed" | "interrupted";
  fingerprint: string;
  blockingCheckFailed: boolean;
  review: "approved" | "rejected" | null;
}

export interface StatusInput {
  latest: LatestMaterialization | null;
  /** Fingerprint of the valid manifests that cover the partition today. */
  currentFingerprint: string;
  /** The built artifact is gone (a drill moved the report aside): the asset is missing until rebuilt. */
  artifactMissing?: boolean;
}

export function deriveStatus({ latest, currentFingerprint, artifactMissing }: StatusInput): PartitionStatus {
  if (!latest || artifactMissing) return "missing";
  if (latest.status === "running") return "running";
  if (latest.status === "failed" || latest.status === "interrupted") return "failed";
  if (latest.blockingCheckFailed || latest.review === "rejected") return "quarantined";
  if (latest.fingerprint !== currentFingerprint) return "stale";
  return latest.review === "approved" ? "released" : "pending_review";
}

export function isGap(status: PartitionStatus): boolean {
  return GAP_STATUSES.includes(status);
}

/** Why a cell needs recovery; a quarantine is a rejection when no blocking check failed. */
export function gapReason(status: PartitionStatus, rejected = false): GapReason | null {
  switch (status) {
    case "missing":
      return "missing_partition_report";
    case "failed":
      return "failed_run";
    case "stale":
      return "stale_upstream";
    case "quarantined":
      return rejected ? "evidence_rejected" : "check_failed";
    default:
      return null;
  }
}

/** Fingerprint of a set of manifests: order-independent, changes when one is added or its content changes. */
export function manifestFingerprint(manifests: { manifestId: string; contentSha256: string }[]): string {
  return manifests
    .map((m) => `${m.manifestId}@${m.contentSha256.slice(0, 12)}`)
    .sort()
    .join(",");
}

/** Worst-first order, for summarising several assets of one partition. */
const SEVERITY: Record<PartitionStatus, number> = {
  quarantined: 6,
  failed: 5,
  missing: 4,
  stale: 3,
  running: 2,
  pending_review: 1,
  released: 0,
};

export function worstStatus(statuses: PartitionStatus[]): PartitionStatus {
  return statuses.reduce<PartitionStatus>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), "released");
}
