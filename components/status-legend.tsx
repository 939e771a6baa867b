import { useTranslations } from "next-intl";
import { GAP_STATUSES, STATUSES, type PartitionStatus } from "@/lib/domain/status";

/** The calendar's legend: every status, its colour, what it means, and how many cells have it. */
export function StatusLegend({ counts }: { counts: Partial<Record<PartitionStatus, number>> }) {
  const t = useTranslations("calendar");
  const status = useTranslations("status");
  return (
    <>
      <p className="muted small legend-note">{t("legendNote")}</p>
      <ul className="legend" aria-label={t("legend")}>
        {STATUSES.map((s) => (
          <li key={s}>
            <span className={`swatch status-${s}${GAP_STATUSES.includes(s) ? " gap" : ""}`} aria-hidden />
            <span>
              <strong>{status(`label.${s}`)}</strong> <span className="muted">({counts[s] ?? 0})</span>
              <br />
              <span className="muted small">{status(`description.${s}`)}</span>
            </span>
          </li>
        ))}
        <li>
          <span className="swatch default-marker" aria-hidden />
          <span>
            <strong>{t("defaultPartition")}</strong>
            <br />
            <span className="muted small">WEEK06_DEFAULT_PARTITION</span>
          </span>
        </li>
      </ul>
    </>
  );
}
