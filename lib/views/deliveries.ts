// Webhook deliveries, newest first, paged and filtered by status in SQL: three queries whatever the outbox holds.
import { db } from "@/lib/db";
import { DELIVERY_STATUSES, type DeliveryStatus } from "@/lib/notify/outbox";
import { pageOf, type Page } from "@/lib/views/paging";
import { isOneOf } from "@/lib/domain/one-of";
import type { RecordedValue } from "@/lib/i18n/text";
import { deliveryErrorText } from "@/lib/store-json";

export const DELIVERIES_PER_PAGE = 25;

export interface DeliveryRow {
  id: number;
  endpoint: string;
  url: string;
  event: string;
  subject: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  /** WebhookDelivery.lastErrorText, decoded: lastError as a catalog message (null before they were kept). */
  lastErrorText: RecordedValue | null;
  nextAttemptAt: Date;
  createdAt: Date;
  deliveredAt: Date | null;
}

export async function deliveryList(
  page: number,
  status?: DeliveryStatus,
): Promise<Page<DeliveryRow> & { statusCounts: Record<DeliveryStatus, number> }> {
  const where = status ? { status } : {};
  const [total, rows, counts] = await Promise.all([
    db.webhookDelivery.count({ where }),
    db.webhookDelivery.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * DELIVERIES_PER_PAGE,
      take: DELIVERIES_PER_PAGE,
      omit: { payload: true },
    }),
    db.webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const statusCounts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  for (const c of counts)
    if (isOneOf(DELIVERY_STATUSES, c.status)) statusCounts[c.status as DeliveryStatus] = c._count._all;
  return {
    ...pageOf(
      rows.map(({ dedupeKey, lastErrorText, ...d }) => ({
        ...d,
        subject: dedupeKey,
        lastErrorText: deliveryErrorText(lastErrorText),
      })),
      total,
      DELIVERIES_PER_PAGE,
    ),
    statusCounts,
  };
}
