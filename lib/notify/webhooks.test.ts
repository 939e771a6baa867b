// Webhooks end to end against a real receiver on localhost: the policy subscribes it, a review releases a
// partition, the outbox delivers — signed, retried with a doubling wait after the receiver fails twice, recorded —
// and an exhausted delivery is failed, audited, and resent by an operator.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverDue, resendDelivery } from "@/lib/notify/deliver";
import { noticeWaitingEvidence } from "@/lib/notify/outbox";
import { DEFAULT_POLICY_FILE, forgetPolicy } from "@/lib/policy";
import { applyDrill } from "@/lib/pipeline/drills";
import { createPlan } from "@/lib/pipeline/plans";
import { reviewEvidence } from "@/lib/pipeline/review";
import { executeAndDrain, planAndExecute, useSeededStore } from "@/lib/test-support";
import { renderRecorded } from "@/lib/i18n/text";
import { deliveryErrorText } from "@/lib/store-json";

const SECRET = "receiver-shared-secret-0123456789abcdef";
const ON_CALL_SECRET = "on-call-shared-secret-0123456789abcdef";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
}

const received: Received[] = [];
/** The receiver answers each request with the next status here, then 200. */
let answers: number[] = [];
let server: http.Server;

/** What a receiver must do: recompute the HMAC of "<timestamp>.<body>" with the shared secret, compare in constant time. */
function verified(r: Received, secret: string): boolean {
  const expected = `sha256=${crypto.createHmac("sha256", secret).update(`${r.headers["x-partition-desk-timestamp"]}.${r.body}`).digest("hex")}`;
  const given = String(r.headers["x-partition-desk-signature"] ?? "");
  return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

beforeAll(async () => {
  // The store as seeded under the default policy (no webhooks), then this file's policy.
  await useSeededStore();
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const answered = answers.shift() ?? 200;
      received.push({ headers: req.headers, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // The policy is read once per process, lazily: this file's policy subscribes the receiver before first use.
  const base = JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, "utf8")) as Record<string, unknown>;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "webhook-policy-")), "policy.json");
  base.notifications = {
    evidence_waiting_hours: 24,
    delivery_attempts: 3,
    retry_backoff_ms: 1000,
    webhooks: [
      {
        name: "week07-consumer",
        url: `http://127.0.0.1:${port}/hooks/partition-desk`,
        events: ["partition.released", "evidence.waiting"],
        secret_env: "WEEK07_WEBHOOK_SECRET",
      },
      {
        name: "on-call",
        url: `http://127.0.0.1:${port}/hooks/on-call`,
        events: ["run.failed", "run.quarantined", "plan.drifted"],
        secret_env: "ON_CALL_WEBHOOK_SECRET",
      },
    ],
  };
  fs.writeFileSync(file, JSON.stringify(base));
  process.env.RECOVERY_POLICY_FILE = file;
  process.env.WEEK07_WEBHOOK_SECRET = SECRET;
  process.env.ON_CALL_WEBHOOK_SECRET = ON_CALL_SECRET;
  forgetPolicy();
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("webhooks", () => {
  it("announce a released partition: signed, retried after two failures with a doubling wait, recorded", async () => {
    const run = await db.run.findFirstOrThrow({ where: { partitionKey: "2026-04-28", action: "scheduled" } });
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: run.id } });
    expect(
      await reviewEvidence({ evidenceId: evidence.id, reviewer: "reviewer@example.com", decision: "approved" }),
    ).toMatchObject({ ok: true });

    answers = [500, 503];
    // Deliveries are due from the moment they were queued: attempt a minute later, on a whole second.
    const t0 = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000);
    expect(await deliverDue(t0)).toBe(1);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { event: "partition.released" } });
    expect(delivery).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatus: 500,
      lastError: "answered 500",
      nextAttemptAt: new Date(t0.getTime() + 1000),
    });
    // The answer also as a message, for the deliveries page in each reader's language.
    expect(renderRecorded(deliveryErrorText(delivery.lastErrorText), "?", "zh-CN")).toBe("对方返回 500");
    expect(await deliverDue(new Date(t0.getTime() + 999))).toBe(0); // not due yet
    expect(await deliverDue(new Date(t0.getTime() + 1000))).toBe(1);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      attempts: 2,
      lastStatus: 503,
      nextAttemptAt: new Date(t0.getTime() + 1000 + 2000),
    });
    expect(await deliverDue(new Date(t0.getTime() + 3000))).toBe(1);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "delivered",
      attempts: 3,
      lastStatus: 200,
      lastError: null,
      lastErrorText: null,
    });

    expect(received.map((r) => r.answered)).toEqual([500, 503, 200]);
    for (const r of received) {
      expect(verified(r, SECRET)).toBe(true);
      expect(verified(r, "another-secret-0123456789abcdef0123456789")).toBe(false);
      expect(r.headers).toMatchObject({
        "content-type": "application/json",
        "x-partition-desk-event": "partition.released",
        "x-partition-desk-delivery": String(delivery.id),
      });
    }
    // Each attempt is signed at its own time: a receiver can refuse a replayed old delivery.
    expect(received.map((r) => r.headers["x-partition-desk-timestamp"])).toEqual(
      [0, 1, 3].map((s) => String(t0.getTime() / 1000 + s)),
    );
    expect(JSON.parse(received[2]!.body)).toEqual({
      event: "partition.released",
      subject: `partition.released:${evidence.id}`,
      occurred_at: expect.any(String),
      data: {
        partition_key: "2026-04-28",
        run_id: run.id,
        evidence_id: evidence.id,
        reviewer: "reviewer@example.com",
        assets: JSON.parse(run.targetAssets),
        consumers: ["week07", "week08"],
      },
    });
  });

  it("announce evidence waiting too long once; an exhausted delivery is failed, audited, and an operator resends it", async () => {
    received.length = 0;
    expect(await noticeWaitingEvidence(new Date())).toBe(0); // nothing has waited 24 hours yet
    const later = new Date(Date.now() + 25 * 3_600_000);
    const announced = await noticeWaitingEvidence(later);
    const waiting = await db.evidence.count({ where: { reviews: { none: {} }, run: { status: "succeeded" } } });
    expect(announced).toBe(waiting);
    expect(announced).toBeGreaterThan(0);
    expect(await noticeWaitingEvidence(later)).toBe(0); // once per evidence

    const [first] = await db.webhookDelivery.findMany({
      where: { event: "evidence.waiting" },
      orderBy: { id: "asc" },
      take: 1,
    });
    await db.webhookDelivery.updateMany({
      where: { event: "evidence.waiting", id: { not: first!.id } },
      data: { status: "delivered" },
    });
    answers = [502, 502, 502];
    for (const wait of [0, 1000, 3000]) await deliverDue(new Date(later.getTime() + wait));
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: "answered 502",
    });
    expect(
      await db.auditEvent.findFirst({ where: { action: "webhook.deliver" }, orderBy: { id: "desc" } }),
    ).toMatchObject({ actor: "system", outcome: "failed", target: `delivery ${first!.id} (week07-consumer)` });
    expect(await deliverDue(new Date(later.getTime() + 3_600_000))).toBe(0); // failed stays failed

    expect(await resendDelivery(first!.id, "operator@example.com")).toMatchObject({
      ok: true,
      message: `delivery ${first!.id} is queued again`,
    });
    expect(await deliverDue(new Date(Date.now() + 1000))).toBe(1);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      status: "delivered",
      attempts: 1,
    });
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({
      event: "evidence.waiting",
      data: { evidence_id: Number(first!.dedupeKey.split(":")[1]) },
    });
    expect(verified(received.at(-1)!, SECRET)).toBe(true);
    // Delivered now: a resend would re-sign the same event with a fresh timestamp (a replay), so it is refused and
    // nothing is sent or changed.
    const delivered = await db.webhookDelivery.findUniqueOrThrow({ where: { id: first!.id } });
    const sent = received.length;
    expect(await resendDelivery(first!.id, "operator@example.com")).toMatchObject({
      ok: false,
      code: "conflict",
      message: `delivery ${first!.id} was delivered: it is not sent again (its receiver has it; a resend would only replay it with a fresh timestamp)`,
    });
    expect(await deliverDue(new Date(Date.now() + 2000))).toBe(0);
    expect(received.length).toBe(sent);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: first!.id } })).toEqual(delivered);
    expect(await resendDelivery(999_999, "operator@example.com")).toMatchObject({
      ok: false,
      code: "not_found",
      message: "delivery 999999 does not exist",
    });
  });

  it("announce to the on-call hook what went wrong: a run that failed, a run quarantined, a plan refused as drifted", async () => {
    received.length = 0;
    answers = [];
    // A transient fault that outlasts the run's attempts: the run fails.
    expect(
      await applyDrill(
        "inject_transient_fault",
        { partitionKey: "2026-04-17", assetKey: "week06/silver/ticket_fact_partitioned" },
        "operator@example.com",
      ),
    ).toMatchObject({ ok: true });
    const stale = await createPlan({ partition: "2026-04-17" }, "operator@example.com");
    if (!stale.ok) throw new Error(stale.message);
    const failed = await planAndExecute({ from: "2026-04-17", to: "2026-04-17" });
    expect(failed.summaries).toEqual([expect.objectContaining({ status: "failed" })]);
    // The earlier plan of 04-17 no longer matches the store: executing it is refused as drifted.
    expect(await executeAndDrain(stale.plan.plan_id, "operator@example.com")).toMatchObject({
      ok: false,
      code: "drifted",
    });
    // A reviewer rejects the evidence of the drill's run on 04-09 (priorities nulled): quarantined.
    const pending = await db.run.findFirstOrThrow({ where: { partitionKey: "2026-04-09", action: "drill" } });
    const rejected = await db.evidence.findUniqueOrThrow({ where: { runId: pending.id } });
    expect(
      await reviewEvidence({
        evidenceId: rejected.id,
        reviewer: "reviewer@example.com",
        decision: "rejected",
        reason: "priorities nulled",
      }),
    ).toMatchObject({ ok: true });

    while ((await deliverDue(new Date(Date.now() + 60_000))) > 0);
    const onCall = received.filter(
      (r) =>
        r.headers["x-partition-desk-event"] !== "evidence.waiting" &&
        r.headers["x-partition-desk-event"] !== "partition.released",
    );
    for (const r of onCall) expect(verified(r, ON_CALL_SECRET)).toBe(true);
    const bodies = onCall.map(
      (r) => JSON.parse(r.body) as { event: string; subject: string; data: Record<string, unknown> },
    );
    expect(bodies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: "run.failed",
          subject: `run.failed:${failed.runIds[0]}`,
          data: expect.objectContaining({ partition_key: "2026-04-17" }),
        }),
        expect.objectContaining({
          event: "plan.drifted",
          data: expect.objectContaining({ plan_id: stale.plan.plan_id }),
        }),
        expect.objectContaining({
          event: "run.quarantined",
          subject: `run.quarantined:${pending.id}`,
          data: expect.objectContaining({ partition_key: "2026-04-09", why: "evidence rejected: priorities nulled" }),
        }),
      ]),
    );
    // The consumer's hook heard none of it: each webhook gets only the events it subscribed to.
    expect(received.filter((r) => verified(r, SECRET))).toEqual([]);
  });
});
