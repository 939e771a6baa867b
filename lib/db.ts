// The one Prisma client. Cached on globalThis so Next.js dev reloads do not open a new connection each time.
// Its SQLite adapter follows the process's write discipline (lib/write-discipline.ts): transactions begin
// IMMEDIATE under the process's write lock, statements outside a transaction wait for the open one, and
// SQLITE_BUSY from another process is retried with backoff instead of failing the request.
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "@/generated/prisma/client";
import { config } from "@/lib/config";
import { recordStatement } from "@/lib/query-stats";
import { BUSY_TIMEOUT_MS, outsideTransactions, retryBusy, writeLock } from "@/lib/write-discipline";

export type Db = PrismaClient;

/**
 * Wraps the better-sqlite3 adapter. The adapter begins transactions with a deferred `BEGIN` and lets a statement
 * issued outside a transaction run inside whichever transaction is open on its single connection; both are
 * replaced here, at the one place every Prisma query passes through.
 */
function disciplined(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await factory.connect();
      const client = (adapter as unknown as { client: Database.Database }).client;
      const prepare = client.prepare.bind(client);
      // The adapter runs `BEGIN` itself; we have already begun IMMEDIATE (below), so its BEGIN becomes a no-op.
      let begun = false;
      client.prepare = ((sql: string) => {
        if (sql === "BEGIN" && begun) {
          begun = false;
          return { run: () => ({ changes: 0, lastInsertRowid: 0 }) };
        }
        return prepare(sql);
      }) as typeof client.prepare;

      const startTransaction = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolationLevel): Promise<Transaction> => {
        const release = await writeLock.acquire();
        try {
          await retryBusy(() => prepare("BEGIN IMMEDIATE").run());
          begun = true;
          const tx = await startTransaction(isolationLevel);
          let open = true;
          const end = (finish: () => Promise<void>) => async () => {
            try {
              await finish();
            } finally {
              if (open) {
                open = false;
                release();
              }
            }
          };
          tx.commit = end(tx.commit.bind(tx));
          tx.rollback = end(tx.rollback.bind(tx));
          return tx;
        } catch (e) {
          if (client.inTransaction) prepare("ROLLBACK").run();
          begun = false;
          release();
          throw e;
        }
      };

      // Outside a transaction every statement is its own transaction: safe to retry when busy.
      for (const method of ["queryRaw", "executeRaw"] as const) {
        const run = adapter[method].bind(adapter) as (q: SqlQuery) => Promise<never>;
        adapter[method] = ((query: SqlQuery) =>
          retryBusy(async () => {
            recordStatement(query.sql, query.args);
            await outsideTransactions();
            return run(query);
          })) as never;
      }
      return adapter;
    },
  };
}

async function createClient(): Promise<PrismaClient> {
  const { store, databaseFile } = config();
  if (store.provider === "postgresql") {
    // Loaded on PostgreSQL only: a process on SQLite (every CLI command) does not load pg and a second client.
    const [{ PrismaPg }, { PrismaClient: PostgresPrismaClient }] = await Promise.all([
      import("@prisma/adapter-pg"),
      import("@/generated/prisma-postgres/client"),
    ]);
    // The client generated from the derived PostgreSQL schema has the same model API; only its type identity
    // differs, so the rest of the code keeps one type (docs/decisions/010-postgresql-and-a-job-queue.md).
    const pg = new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: store.url }),
      transactionOptions: { maxWait: 15_000, timeout: 30_000 },
    });
    return pg as unknown as PrismaClient;
  }
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const adapter = new PrismaBetterSqlite3({ url: `file:${databaseFile}`, timeout: BUSY_TIMEOUT_MS });
  // Interactive transactions wait for the write lock like everyone else: allow for a busy neighbour.
  return new PrismaClient({ adapter: disciplined(adapter), transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
}

const globalForDb = globalThis as unknown as { partitionDeskDb?: PrismaClient };

export const db: PrismaClient = (globalForDb.partitionDeskDb ??= await createClient());
