// The process's one direct better-sqlite3 connection, beside the Prisma client: the single writer of partition
// rows (lib/pipeline/store.ts) and the reader of the bulk queries whose rows Prisma would convert too slowly
// (the calendar's latest materializations). docs/decisions/006-single-writer-connection.md says why; its writes
// follow the same discipline as Prisma's (lib/write-discipline.ts).
import Database from "better-sqlite3";
import { config } from "@/lib/config";
import { recordStatement } from "@/lib/query-stats";
import { BUSY_TIMEOUT_MS, retryBusy, writeLock } from "@/lib/write-discipline";

const globalForSqlite = globalThis as unknown as {
  partitionDeskSqlite?: Database.Database;
  partitionDeskStatements?: Map<string, Database.Statement>;
};

export function sqlite(): Database.Database {
  if (!globalForSqlite.partitionDeskSqlite) {
    // On a PostgreSQL store this would silently open (or create) a SQLite file beside it: refuse instead.
    if (config().store.provider !== "sqlite")
      throw new Error("the store is PostgreSQL: lib/sqlite.ts is for SQLite only");
    const connection = new Database(config().databaseFile, { timeout: BUSY_TIMEOUT_MS });
    connection.pragma("foreign_keys = ON");
    globalForSqlite.partitionDeskSqlite = connection;
  }
  return globalForSqlite.partitionDeskSqlite;
}

/** A prepared statement, prepared once per process. */
export function statement(sql: string, args: readonly unknown[] = []): Database.Statement {
  // Every call site executes the statement it asks for once: count it here (with its arguments, when known).
  recordStatement(sql, args);
  const cache = (globalForSqlite.partitionDeskStatements ??= new Map());
  let s = cache.get(sql);
  if (!s) {
    s = sqlite().prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

/**
 * Runs `fn` as one synchronous IMMEDIATE transaction on the raw connection, under the process's write lock,
 * retried while another process holds SQLite's write lock. `fn` must not await: nothing can interleave.
 */
export async function writeTransaction<T>(fn: () => T): Promise<T> {
  return writeLock.runExclusive(() => retryBusy(() => sqlite().transaction(fn).immediate()));
}
