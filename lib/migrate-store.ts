// Migrates the configured store: the SQLite file (lib/migrate.ts) or the PostgreSQL database (lib/migrate-postgres.ts).
import { config } from "@/lib/config";
import { migrate, type MigrateResult } from "@/lib/migrate";
import { migratePostgres } from "@/lib/migrate-postgres";

export async function migrateStore(): Promise<MigrateResult & { where: string }> {
  const { store } = config();
  if (store.provider === "postgresql") return { ...(await migratePostgres(store.url)), where: store.url.replace(/\/\/[^@/]*@/, "//…@") };
  return { ...migrate(store.file), where: store.file };
}
