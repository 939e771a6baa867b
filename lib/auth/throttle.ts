// Sign-in throttling, per account and per client, with a growing backoff — counted in the store (not in memory),
// so several web servers share the counts and a restart forgives nothing. docs/decisions/008 says why not a
// library's in-memory limiter.
import { db } from "@/lib/db";

const WINDOW_MS = 15 * 60 * 1000;
const MAX_BLOCK_MS = 15 * 60 * 1000;
/** Failures allowed in a window before each further one earns a wait: per account, and per client address. */
const FREE = { account: 5, client: 20 } as const;

export type ThrottleKey = `account:${string}` | `client:${string}`;

function free(key: ThrottleKey): number {
  return key.startsWith("account:") ? FREE.account : FREE.client;
}

/** How long the caller must wait before trying again (0: go ahead). */
export async function throttleWait(keys: ThrottleKey[], now = new Date()): Promise<number> {
  const rows = await db.throttle.findMany({ where: { key: { in: keys } }, select: { blockedUntil: true } });
  return Math.max(0, ...rows.map((r) => (r.blockedUntil ? r.blockedUntil.getTime() - now.getTime() : 0)));
}

/** Counts a failure under each key; past the free ones, each failure doubles the wait (1 s, 2 s, 4 s … 15 min). */
export async function recordFailure(keys: ThrottleKey[], now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const key of keys) {
      const row = await tx.throttle.findUnique({ where: { key } });
      const fresh = !row || now.getTime() - row.windowStart.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const over = failures - free(key);
      const blockedUntil = over > 0 ? new Date(now.getTime() + Math.min(MAX_BLOCK_MS, 1000 * 2 ** (over - 1))) : null;
      await tx.throttle.upsert({
        where: { key },
        create: { key, failures, windowStart: now, blockedUntil },
        update: { failures, windowStart: fresh ? now : row.windowStart, blockedUntil },
      });
    }
  });
}

export async function recordSuccess(key: ThrottleKey): Promise<void> {
  await db.throttle.deleteMany({ where: { key } });
}
