import { STATUS_DESCRIPTIONS, type PartitionStatus } from "@/lib/domain/status";

export const STATUS_LABELS: Record<PartitionStatus, string> = {
  released: "Released",
  pending_review: "Pending review",
  running: "Running",
  stale: "Stale",
  failed: "Failed",
  quarantined: "Quarantined",
  missing: "Missing",
};

export function StatusBadge({ status }: { status: PartitionStatus }) {
  return (
    <span className={`badge status-${status}`} title={STATUS_DESCRIPTIONS[status]}>
      {STATUS_LABELS[status]}
    </span>
  );
}
