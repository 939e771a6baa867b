// Delivering the outbox: each due delivery is POSTed as JSON, signed with its webhook's secret, and recorded. A
// delivery that does not get a 2xx in time is tried again after a doubling wait, up to the policy's attempts, then
// marked failed — an operator can resend it from /deliveries.
//
// Signature: X-Partition-Desk-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">, with the timestamp in
// X-Partition-Desk-Timestamp (Unix seconds) so a receiver can refuse replays of old deliveries.
import crypto from "node:crypto";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { policy } from "@/lib/policy";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { quote, render, text, told, type Text, type TextValue } from "@/lib/i18n/text";

const TIMEOUT_MS = 5000;
const BATCH = 20;
const MAX_BACKOFF_MS = 3_600_000;

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Delivers what is due now; returns how many were attempted. */
export async function deliverDue(now = new Date()): Promise<number> {
  const rules = policy().notifications;
  const due = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { id: "asc" },
    take: BATCH,
  });
  for (const d of due) {
    const hook = rules.webhooks.find((h) => h.name === d.endpoint);
    const secret = hook ? process.env[hook.secret_env] : undefined;
    let status: number | null = null;
    let error: TextValue | null = null;
    if (!hook) error = text("deliveryError.notInPolicy", { endpoint: d.endpoint });
    else if (!secret) error = text("deliveryError.secretUnset", { env: hook.secret_env });
    else {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      try {
        const response = await fetch(hook.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "partition-desk-webhooks",
            "x-partition-desk-event": d.event,
            "x-partition-desk-delivery": String(d.id),
            "x-partition-desk-timestamp": timestamp,
            "x-partition-desk-signature": signature(secret, timestamp, d.payload),
          },
          body: d.payload,
          redirect: "manual",
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        status = response.status;
        await response.body?.cancel();
        if (status < 200 || status > 299) error = text("deliveryError.answered", { status });
      } catch (e) {
        error =
          e instanceof Error && e.name === "TimeoutError"
            ? text("deliveryError.noAnswer", { ms: TIMEOUT_MS })
            : quote((e instanceof Error ? e.message : String(e)).slice(0, 500));
      }
    }
    const attempts = d.attempts + 1;
    if (!error) {
      await db.webhookDelivery.update({
        where: { id: d.id },
        data: {
          status: "delivered",
          attempts,
          lastStatus: status,
          lastError: null,
          lastErrorText: null,
          deliveredAt: now,
        },
      });
      continue;
    }
    const exhausted = attempts >= rules.delivery_attempts || !hook;
    const wait = Math.min(MAX_BACKOFF_MS, rules.retry_backoff_ms * 2 ** (attempts - 1));
    await db.webhookDelivery.update({
      where: { id: d.id },
      data: {
        status: exhausted ? "failed" : "pending",
        attempts,
        lastStatus: status,
        lastError: render(error, "en").slice(0, 500),
        lastErrorText: JSON.stringify(error),
        nextAttemptAt: new Date(now.getTime() + wait),
      },
    });
    if (exhausted)
      await audit({
        actor: "system",
        action: "webhook.deliver",
        target: `delivery ${d.id} (${d.endpoint})`,
        outcome: "failed",
        detail: { event: d.event, attempts, error },
      });
  }
  return due.length;
}

/**
 * An operator sends a delivery that did not arrive again: it is due now, with a fresh count of attempts. A delivered
 * one is refused — sending it again would re-sign a known event with a fresh timestamp, a replay with our signature.
 */
export async function resendDelivery(
  id: number,
  actor: string,
): Promise<{ ok: true; message: string; text: Text } | Refused> {
  const updated = await db.webhookDelivery.updateMany({
    where: { id, status: { not: "delivered" } },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null, lastErrorText: null },
  });
  if (updated.count === 0) {
    const found = await db.webhookDelivery.findUnique({ where: { id }, select: { id: true } });
    return found
      ? refusal("conflict", "engine.deliveryDelivered", { id })
      : refusal("not_found", "engine.deliveryNotFound", { id });
  }
  await audit({ actor, action: "webhook.resend", target: `delivery ${id}`, outcome: "ok" });
  return { ok: true, ...told("engine.deliveryQueued", { id }) };
}
