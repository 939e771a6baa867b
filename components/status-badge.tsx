import { useTranslations } from "next-intl";
import type { PartitionStatus } from "@/lib/domain/status";

/** A partition status as a coloured badge: its name, and what it means on hover (both in the reader's language). */
export function StatusBadge({ status }: { status: PartitionStatus }) {
  const t = useTranslations("status");
  return (
    <span className={`badge status-${status}`} title={t(`description.${status}`)}>
      {t(`label.${status}`)}
    </span>
  );
}
