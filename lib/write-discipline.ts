// One write discipline for the process (docs/decisions/007-worker-and-leases.md):
// - every write transaction takes SQLite's write lock *before* it reads (BEGIN IMMEDIATE), so it can never fail
//   a lock upgrade with SQLITE_BUSY_SNAPSHOT the way a deferred transaction does beside another writer;
// - one in-process lock serialises the process's write transactions — Prisma's and the raw connection's — and
//   makes a statement issued outside a transaction wait for the open one instead of running inside it;
// - SQLITE_BUSY (another process holds the write lock) is retried with backoff, asynchronously, so the event
//   loop keeps serving while we wait; the connection's own busy timeout stays short.
import { Mutex } from "async-mutex";

/** The process's write lock. Held for the whole of each write transaction. */
export const writeLock = new Mutex();

/** How long one attempt may wait inside SQLite for another process's write lock. */
export const BUSY_TIMEOUT_MS = 200;
const MAX_ATTEMPTS = 12;

export function isBusy(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { kind?: unknown; originalCode?: unknown }; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === "string" && e.code.startsWith("SQLITE_BUSY")) return true;
  if (
    e.cause?.kind === "SocketTimeout" ||
    (typeof e.cause?.originalCode === "string" && e.cause.originalCode.startsWith("SQLITE_BUSY"))
  )
    return true;
  return typeof e.message === "string" && /SQLITE_BUSY|database is locked/.test(e.message);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `attempt` again while it fails with SQLITE_BUSY: 12 tries, backoff 25 ms doubling to 1 s (≈ 10 s in all). */
export async function retryBusy<T>(attempt: () => T | Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isBusy(e) || i >= MAX_ATTEMPTS) throw e;
      await sleep(Math.min(1000, 25 * 2 ** (i - 1)) * (0.5 + Math.random()));
    }
  }
}

/** Waits until no write transaction of this process is open. */
export async function outsideTransactions(): Promise<void> {
  while (writeLock.isLocked()) await writeLock.waitForUnlock();
}
