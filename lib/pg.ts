// The process's PostgreSQL pool beside the Prisma client, when the store is PostgreSQL: the writer of partition rows
// (lib/pipeline/store.ts) and the reader of the bulk queries, as lib/sqlite.ts is on SQLite. SQL is written once
// with `?` placeholders (our statements hold no literal question marks) and numbered here.
import type pg from "pg";
import { config } from "@/lib/config";
import { recordStatement } from "@/lib/query-stats";

const globalForPg = globalThis as unknown as { partitionDeskPg?: pg.Pool };

/** The pool; pg itself is loaded on first use, so a process on SQLite never loads it. */
export async function pool(): Promise<pg.Pool> {
  const { store } = config();
  if (store.provider !== "postgresql") throw new Error("the store is SQLite: lib/pg.ts is for PostgreSQL only");
  if (!globalForPg.partitionDeskPg) {
    const { default: pg } = await import("pg");
    // COUNT(*) and SUM are int8: our counts fit a JS number. Timestamps are stored as UTC without a zone.
    pg.types.setTypeParser(20, (v) => Number(v));
    pg.types.setTypeParser(1114, (v) => new Date(`${v.replace(" ", "T")}Z`));
    // Another caller may have created it while pg loaded.
    if (globalForPg.partitionDeskPg) return globalForPg.partitionDeskPg;
    const created = new pg.Pool({ connectionString: store.url, max: 10 });
    // An idle connection the server ends (a restart, a failover, an administrator) is reported on the pool; unheard,
    // it would end the process. The pool replaces it at the next query.
    created.on("error", (e) => console.error(`PostgreSQL: an idle connection ended: ${e.message}`));
    globalForPg.partitionDeskPg = created;
  }
  return globalForPg.partitionDeskPg;
}

/** `?` placeholders → `$1, $2, …`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient;

export async function pgRows<T>(sql: string, params: unknown[] = [], on?: Queryable): Promise<T[]> {
  recordStatement(sql, params);
  return (await (on ?? (await pool())).query(numbered(sql), params)).rows as T[];
}

/** Runs `fn` in one transaction on one connection of the pool; rolled back when it throws. */
export async function pgTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await (await pool()).connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** Closes the pool if this process opened one (scripts that finish: the seed, migrations, the CLI). */
export async function closePool(): Promise<void> {
  const opened = globalForPg.partitionDeskPg;
  globalForPg.partitionDeskPg = undefined;
  await opened?.end();
}
