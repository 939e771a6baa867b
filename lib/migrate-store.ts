// Migrates the configured store: the SQLite file (lib/migrate.ts) or the PostgreSQL database (lib/migrate-postgres.ts).
import { config } from "@/lib/config";
import { runQueue, stopRunQueue } from "@/lib/engine/pg-queue";
import { migrate, type MigrateResult } from "@/lib/migrate";
import { migratePostgres } from "@/lib/migrate-postgres";

export async function migrateStore(): Promise<MigrateResult & { where: string }> {
  const { store } = config();
  if (store.provider === "postgresql") {
    const result = await migratePostgres(store.url);
    // The job queue's own tables (pg-boss keeps its schema, "pgboss", up to date itself) are made here too, so
    // workers starting together find them ready.
    await runQueue();
    await stopRunQueue();
    return { ...result, where: store.url.replace(/\/\/[^@/]*@/, "//…@") };
  }
  return { ...migrate(store.file), where: store.file };
}
