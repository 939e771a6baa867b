// Sign-in throttling, counted in the store (not in memory), so several web servers share the counts and a restart
// forgives nothing — docs/decisions/008 says why not a library's in-memory limiter.
//
// An attempt is *reserved* before its password is checked: one conditional UPDATE counts it under each of its keys
// only where none is blocked, inside a transaction that takes turns with every other sign-in (SQLite: the write
// lock; PostgreSQL: an advisory lock). So thirty attempts sent at once are counted one after another, and those past
// the free ones are refused without a look at their password. A success gives its reservation back.
//
// Keys: the account *and* the client — a browser that signed in to this account before (its device cookie), else
// its address (behind a trusted proxy), else "unknown" — so a stranger's failures never lock the owner out of a
// known browser or another address; and the client address alone, across accounts (password spraying).
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { onPostgres } from "@/lib/raw";

const WINDOW_MS = 15 * 60 * 1000;
const MAX_BLOCK_MS = 15 * 60 * 1000;
/** Attempts allowed in a window before each further one earns a wait: per account and client, per client address. */
export const FREE = { account: 5, client: 20 } as const;

/** Who is signing in from where: a device this account signed in from before, and/or the trusted proxy's address. */
export interface SignInClient {
  device: string | null;
  address: string | null;
}

export type ThrottleKey = `account:${string}|${string}` | `client:${string}`;

/** The keys an attempt counts under. */
export function throttleKeys(account: string, client: SignInClient | null): ThrottleKey[] {
  const from = client?.device ? `device:${client.device}` : client?.address ? `ip:${client.address}` : "unknown";
  const keys: ThrottleKey[] = [`account:${account}|${from}`];
  if (client?.address) keys.push(`client:${client.address}`);
  return keys;
}

function free(key: ThrottleKey): number {
  return key.startsWith("account:") ? FREE.account : FREE.client;
}

/** The wait an attempt beyond the free ones earns: 1 s, 2 s, 4 s … at most 15 min. */
function blockAfter(key: ThrottleKey, attempts: number, now: Date): Date | null {
  const over = attempts - free(key);
  return over > 0 ? new Date(now.getTime() + Math.min(MAX_BLOCK_MS, 1000 * 2 ** (over - 1))) : null;
}

class Blocked extends Error {}

/** Sign-ins take turns on the throttle's rows (SQLite's transactions already do: they begin IMMEDIATE). */
function inTurn<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    if (onPostgres()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('partition-desk-throttle'))`;
    return work(tx);
  });
}

/**
 * Counts an attempt under every key before its password is checked — or, when a key is blocked, counts nothing and
 * says how long to wait. Rows whose window has passed and that block nothing are purged on the way.
 */
export async function reserveAttempt(keys: ThrottleKey[], now = new Date()): Promise<{ waitMs: number }> {
  try {
    await inTurn(async (tx) => {
      await tx.throttle.deleteMany({
        where: {
          windowStart: { lt: new Date(now.getTime() - WINDOW_MS) },
          OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }],
        },
      });
      const known = new Set(
        (await tx.throttle.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((r) => r.key),
      );
      const fresh = keys.filter((k) => !known.has(k));
      if (fresh.length)
        await tx.throttle.createMany({ data: fresh.map((key) => ({ key, failures: 0, windowStart: now })) });
      // The check and the count in one statement: only keys that block nothing now are counted.
      const counted = await tx.throttle.updateMany({
        where: { key: { in: keys }, OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }] },
        data: { failures: { increment: 1 } },
      });
      if (counted.count < keys.length) throw new Blocked(); // rolls back the keys it did count
      // Rows past their window were purged above (or block, and so were not counted): every count is in its window.
      for (const row of await tx.throttle.findMany({ where: { key: { in: keys } } })) {
        const key = row.key as ThrottleKey;
        await tx.throttle.update({ where: { key }, data: { blockedUntil: blockAfter(key, row.failures, now) } });
      }
    });
    return { waitMs: 0 };
  } catch (e) {
    if (!(e instanceof Blocked)) throw e;
    return { waitMs: await throttleWait(keys, now) };
  }
}

/** How long the caller must wait before trying again (0: go ahead). */
export async function throttleWait(keys: ThrottleKey[], now = new Date()): Promise<number> {
  const rows = await db.throttle.findMany({ where: { key: { in: keys } }, select: { blockedUntil: true } });
  return Math.max(0, ...rows.map((r) => (r.blockedUntil ? r.blockedUntil.getTime() - now.getTime() : 0)));
}

/**
 * The right password: the account's failures from this client are forgiven, and the attempt no longer counts
 * against the client's address (its other accounts' failures still do).
 */
export async function forgiveAttempt(keys: ThrottleKey[]): Promise<void> {
  await inTurn(async (tx) => {
    for (const key of keys) {
      if (key.startsWith("account:")) {
        await tx.throttle.deleteMany({ where: { key } });
        continue;
      }
      const row = await tx.throttle.findUnique({ where: { key } });
      if (!row || row.failures === 0) continue;
      const attempts = row.failures - 1;
      await tx.throttle.update({
        where: { key },
        data: { failures: attempts, blockedUntil: attempts > free(key) ? row.blockedUntil : null },
      });
    }
  });
}
