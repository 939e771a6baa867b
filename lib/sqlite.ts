// The process's one direct better-sqlite3 connection, beside the Prisma client: the single writer of partition
// rows (lib/pipeline/store.ts) and the reader of the one bulk query whose rows Prisma would convert too slowly
// (the calendar's latest materializations). docs/decisions/006-single-writer-connection.md says why.
import Database from "better-sqlite3";
import { config } from "@/lib/config";

const globalForSqlite = globalThis as unknown as { partitionDeskSqlite?: Database.Database; partitionDeskStatements?: Map<string, Database.Statement> };

/** Waits up to 5 s for another writer (SQLite busy timeout). */
export function sqlite(): Database.Database {
  if (!globalForSqlite.partitionDeskSqlite) {
    const connection = new Database(config().databaseFile, { timeout: 5000 });
    connection.pragma("foreign_keys = ON");
    globalForSqlite.partitionDeskSqlite = connection;
  }
  return globalForSqlite.partitionDeskSqlite;
}

/** A prepared statement, prepared once per process. */
export function statement(sql: string): Database.Statement {
  const cache = (globalForSqlite.partitionDeskStatements ??= new Map());
  let s = cache.get(sql);
  if (!s) {
    s = sqlite().prepare(sql);
    cache.set(sql, s);
  }
  return s;
}
