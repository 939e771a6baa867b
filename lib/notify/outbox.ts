// Notifications are written to an outbox in the transaction of the event they announce — a run that failed, a
// partition released — so an event is announced exactly when it happened, never when it was rolled back. The
// workers deliver them (lib/notify/deliver.ts). One delivery per webhook and event subject: announcing the same
// thing twice is a no-op.
import type { Prisma } from "@/generated/prisma/client";
import type { NotificationEvent } from "@/contracts/recovery_policy";
import { db } from "@/lib/db";
import { policy } from "@/lib/policy";

type Writer = Pick<Prisma.TransactionClient, "webhookDelivery">;

/** pending until delivered, or failed once its attempts are spent (then resent by hand from /deliveries). */
export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface NotificationPayload {
  event: NotificationEvent;
  /** What it is about, e.g. "run.failed:42"; also its deduplication key. */
  subject: string;
  occurred_at: string;
  data: Record<string, unknown>;
}

/** Queues `event` for every webhook of the policy that subscribes to it. */
export async function notify(
  writer: Writer,
  event: NotificationEvent,
  subject: string,
  data: Record<string, unknown>,
  now = new Date(),
): Promise<void> {
  const hooks = policy().notifications.webhooks.filter((h) => h.events.includes(event));
  for (const hook of hooks) {
    const payload: NotificationPayload = { event, subject, occurred_at: now.toISOString(), data };
    await writer.webhookDelivery.upsert({
      where: { endpoint_dedupeKey: { endpoint: hook.name, dedupeKey: subject } },
      create: {
        endpoint: hook.name,
        url: hook.url,
        event,
        dedupeKey: subject,
        payload: JSON.stringify(payload),
        nextAttemptAt: now,
      },
      update: {},
    });
  }
}

/**
 * evidence.waiting: evidence of a finished run nobody has reviewed for longer than the policy's hours — announced
 * once per evidence. Returns how many were announced now.
 */
export async function noticeWaitingEvidence(now = new Date()): Promise<number> {
  const rules = policy().notifications;
  if (!rules.webhooks.some((h) => h.events.includes("evidence.waiting"))) return 0;
  const before = new Date(now.getTime() - rules.evidence_waiting_hours * 3_600_000);
  // One query, only evidence not yet announced: the workers ask every half second, whatever the backlog.
  const waiting = await db.$queryRaw<
    {
      id: number | bigint;
      runId: number | bigint;
      partitionKey: string;
      createdAt: string | Date;
      action: string;
      operator: string;
    }[]
  >`
    SELECT e."id" AS id, e."runId" AS "runId", e."partitionKey" AS "partitionKey", e."createdAt" AS "createdAt", r."action" AS action, r."operator" AS operator
    FROM "Evidence" e JOIN "Run" r ON r."id" = e."runId"
    WHERE e."createdAt" < ${before} AND r."status" = 'succeeded'
      AND NOT EXISTS (SELECT 1 FROM "Review" v WHERE v."evidenceId" = e."id")
      AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."dedupeKey" = 'evidence.waiting:' || e."id")
    ORDER BY e."id" ASC LIMIT 200`;
  for (const e of waiting) {
    const id = Number(e.id);
    await notify(
      db,
      "evidence.waiting",
      `evidence.waiting:${id}`,
      {
        evidence_id: id,
        run_id: Number(e.runId),
        partition_key: e.partitionKey,
        action: e.action,
        operator: e.operator,
        waiting_since: new Date(e.createdAt).toISOString(),
      },
      now,
    );
  }
  return waiting.length;
}
