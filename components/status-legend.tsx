import { GAP_STATUSES, STATUSES, STATUS_DESCRIPTIONS, type PartitionStatus } from "@/lib/domain/status";
import { STATUS_LABELS } from "@/components/status-badge";

/** The calendar's legend: every status, its colour, what it means, and how many cells have it. */
export function StatusLegend({ counts }: { counts: Partial<Record<PartitionStatus, number>> }) {
  return (
    <>
    <p className="muted small legend-note">Legend — the numbers count cells (one asset on one day) in this range; the list of gaps below counts partitions (days).</p>
    <ul className="legend" aria-label="Legend">
      {STATUSES.map((s) => (
        <li key={s}>
          <span className={`swatch status-${s}${GAP_STATUSES.includes(s) ? " gap" : ""}`} aria-hidden />
          <span>
            <strong>{STATUS_LABELS[s]}</strong> <span className="muted">({counts[s] ?? 0})</span>
            <br />
            <span className="muted small">{STATUS_DESCRIPTIONS[s]}</span>
          </span>
        </li>
      ))}
      <li>
        <span className="swatch default-marker" aria-hidden />
        <span>
          <strong>Default partition</strong>
          <br />
          <span className="muted small">WEEK06_DEFAULT_PARTITION</span>
        </span>
      </li>
    </ul>
    </>
  );
}
