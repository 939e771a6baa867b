// The sign-in throttle against the real store, with real concurrency: attempts sent at once are counted one after
// another before any password is checked; a stranger cannot lock an owner out of a known browser or another address;
// stale rows are purged; the audit accounts for every refused attempt. The same suite runs on PostgreSQL
// (throttle.postgres.test.ts), where the attempts really run in parallel on a pool of connections.
import { beforeAll, describe, expect, it } from "vitest";
import {
  FREE,
  forgiveAttempt,
  reserveAttempt,
  throttleKeys,
  throttleWait,
  type SignInClient,
} from "@/lib/auth/throttle";
import { addUser } from "@/lib/auth/user-admin";
import { authenticate, findActor } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

const PASSWORD = "the owner's own password";
const WRONG = "Unknown email or wrong password.";
const THROTTLED = /^Too many failed sign-ins: try again in \d+ s\.$/;

async function account(email: string): Promise<void> {
  const added = await addUser(
    { email, name: email, roles: ["viewer"], password: PASSWORD },
    await findActor("admin@example.com"),
  );
  expect(added.ok).toBe(true);
}

/** Refused sign-ins of `email` the audit records (a summary row counts many: its occurrences). */
async function auditedRefusals(email: string, sinceId: number): Promise<number> {
  const rows = await db.auditEvent.findMany({
    where: { id: { gt: sinceId }, action: "auth.sign_in", outcome: "refused", target: { in: [email, "(many)"] } },
    select: { occurrences: true },
  });
  return rows.reduce((n, r) => n + r.occurrences, 0);
}

const lastAuditId = async () => (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;

describe("thirty sign-ins sent at once", () => {
  it("are counted one after another before any password is checked: the right one at #12 is throttled too", async () => {
    const email = "raced@example.com";
    await account(email);
    const since = await lastAuditId();
    const client: SignInClient = { device: null, address: "203.0.113.30" };
    // One instant for all thirty, so the verdict depends on the count, never on how fast this machine checks scrypt.
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => authenticate(email, i === 11 ? PASSWORD : `wrong guess ${i}`, client, now)),
    );
    const throttled = results.filter((r) => !r.ok && THROTTLED.test(r.message)).length;
    const checked = results.length - throttled;
    // Five free attempts, and the sixth that earns the first wait; the other 24 never reach the password.
    expect(checked).toBe(FREE.account + 1);
    expect(throttled).toBe(30 - FREE.account - 1);
    expect(results.filter((r) => !r.ok && r.message === WRONG).length + results.filter((r) => r.ok).length).toBe(
      checked,
    );
    const row = await db.throttle.findUniqueOrThrow({ where: { key: `account:${email}|ip:203.0.113.30` } });
    expect(row.failures).toBe(FREE.account + 1);
    // Every refused attempt is in the audit (past ten a minute, in a summary row's occurrences).
    expect(await auditedRefusals(email, since)).toBe(30);
  });
});

describe("a stranger's failures", () => {
  it("never lock the owner out of a browser they signed in from, nor from another address", async () => {
    const email = "owner@example.com";
    await account(email);
    const now = new Date();
    const stranger: SignInClient = { device: null, address: null };
    for (let i = 0; i < 12; i++) await authenticate(email, `stranger ${i}`, stranger, now);
    expect(await authenticate(email, PASSWORD, stranger, now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(THROTTLED),
    });
    // The owner's usual browser (its device cookie names this account), and the owner from another address.
    expect(await authenticate(email, PASSWORD, { device: "owners-laptop", address: null }, now)).toMatchObject({
      ok: true,
    });
    expect(await authenticate(email, PASSWORD, { device: null, address: "198.51.100.77" }, now)).toMatchObject({
      ok: true,
    });
    // The stranger still waits.
    expect(await authenticate(email, PASSWORD, stranger, now)).toMatchObject({ ok: false });
  });

  it("from one address, across accounts, are limited too (password spraying): twenty free", async () => {
    const now = new Date();
    const sprayer = "203.0.113.66";
    for (let i = 0; i < FREE.client; i++)
      expect(
        (await reserveAttempt(throttleKeys(`spray-${i}@example.com`, { device: null, address: sprayer }), now)).waitMs,
      ).toBe(0);
    expect(
      (await reserveAttempt(throttleKeys("spray-20@example.com", { device: null, address: sprayer }), now)).waitMs,
    ).toBe(0);
    expect(
      (await reserveAttempt(throttleKeys("spray-21@example.com", { device: null, address: sprayer }), now)).waitMs,
    ).toBe(1000);
    // A refused attempt counts nothing, under any key: not even a row for the new account is left.
    expect(await db.throttle.count({ where: { key: { startsWith: "account:spray-21@example.com" } } })).toBe(0);
  });
});

describe("the counts", () => {
  it("double the wait past the free attempts; a success forgives the account and gives back its attempt", async () => {
    const keys = throttleKeys("doubled@example.com", { device: null, address: "203.0.113.90" });
    const t0 = new Date("2026-11-28T12:00:00Z");
    for (let i = 0; i < FREE.account; i++) expect((await reserveAttempt(keys, t0)).waitMs).toBe(0);
    expect(await throttleWait(keys, t0)).toBe(0);
    expect((await reserveAttempt(keys, t0)).waitMs).toBe(0); // the sixth is checked, and earns 1 s
    expect(await throttleWait(keys, t0)).toBe(1000);
    expect((await reserveAttempt(keys, t0)).waitMs).toBe(1000); // refused: nothing counted
    const t1 = new Date(t0.getTime() + 1000);
    expect((await reserveAttempt(keys, t1)).waitMs).toBe(0);
    expect(await throttleWait(keys, t1)).toBe(2000);
    await forgiveAttempt(keys);
    expect(await db.throttle.count({ where: { key: keys[0] } })).toBe(0);
    expect((await db.throttle.findUniqueOrThrow({ where: { key: keys[1]! } })).failures).toBe(FREE.account + 1);
  });

  it("are purged once their window has passed and they block nothing; a row that still blocks is kept", async () => {
    const t0 = new Date("2026-11-28T13:00:00Z");
    const later = new Date(t0.getTime() + 16 * 60_000);
    await db.throttle.createMany({
      data: [
        { key: "account:old@example.com|unknown", failures: 3, windowStart: t0 },
        {
          key: "client:203.0.113.200",
          failures: 30,
          windowStart: t0,
          blockedUntil: new Date(later.getTime() + 60_000),
        },
        { key: "account:recent@example.com|unknown", failures: 2, windowStart: new Date(later.getTime() - 60_000) },
      ],
    });
    await reserveAttempt(throttleKeys("someone@example.com", null), later);
    const left = (
      await db.throttle.findMany({
        where: {
          key: {
            in: ["account:old@example.com|unknown", "client:203.0.113.200", "account:recent@example.com|unknown"],
          },
        },
      })
    ).map((r) => r.key);
    expect(left.sort()).toEqual(["account:recent@example.com|unknown", "client:203.0.113.200"]);
    // Once its block is over, the old row goes too: a quiet window forgives.
    await reserveAttempt(throttleKeys("someone@example.com", null), new Date(later.getTime() + 61_000));
    expect(await db.throttle.count({ where: { key: "client:203.0.113.200" } })).toBe(0);
  });
});
