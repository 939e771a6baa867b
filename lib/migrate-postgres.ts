// Applies prisma/migrations-postgres/*/migration.sql to a PostgreSQL database the way lib/migrate.ts applies the
// SQLite history: in order, each once, recorded in _prisma_migrations with its sha256, each in its own
// transaction (PostgreSQL's DDL is transactional: a migration lands whole or not at all). Both folders hold the
// same migration names: one history, two dialects (docs/decisions/010-postgresql-and-a-job-queue.md).
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";
import { alreadyApplied, migrationFiles, type MigrateResult } from "@/lib/migrate";

export const POSTGRES_MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../prisma/migrations-postgres");

const LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function migratePostgres(url: string, migrationsDir = POSTGRES_MIGRATIONS_DIR): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time, whichever machine starts first: the others wait, then find the history applied.
    await client.query("SELECT pg_advisory_lock(hashtext('partition-desk-migrations'))");
    await client.query(LEDGER);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const { name, sql, checksum } of migrationFiles(migrationsDir)) {
      if (alreadyApplied(name, checksum, done.get(name))) {
        result.alreadyApplied.push(name);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      result.applied.push(name);
    }
    return result;
  } finally {
    await client.end();
  }
}
