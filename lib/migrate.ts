// Applies prisma/migrations/*/migration.sql the way `prisma migrate deploy` does — in order, each once,
// recorded in _prisma_migrations with its sha256 — using better-sqlite3 alone, because the native schema
// engine cannot be downloaded here (docs/decisions/001-migrations-without-schema-engine.md).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../prisma/migrations");

const LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

/** A migration history in order: each folder's migration.sql with its sha256 (either dialect's folder). */
export function migrationFiles(migrationsDir: string): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(migrationsDir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Whether a recorded migration is the one on disk; throws when it was edited after it was applied. */
export function alreadyApplied(name: string, checksum: string, recorded: string | undefined): boolean {
  if (recorded === undefined) return false;
  if (recorded !== checksum)
    throw new Error(
      `migration ${name} was changed after it was applied (checksum differs); add a new migration instead`,
    );
  return true;
}

export function migrate(databaseFile: string, migrationsDir = MIGRATIONS_DIR): MigrateResult {
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const sqlite = new Database(databaseFile);
  try {
    // WAL lets the server read while the single writer writes; it is a property of the file, set once.
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(LEDGER);
    const done = new Map(
      (
        sqlite
          .prepare(
            `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          )
          .all() as { migration_name: string; checksum: string }[]
      ).map((r) => [r.migration_name, r.checksum]),
    );
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const { name, sql, checksum } of migrationFiles(migrationsDir)) {
      if (alreadyApplied(name, checksum, done.get(name))) {
        result.alreadyApplied.push(name);
        continue;
      }
      // A table redefinition (DROP + rename) inside a transaction would fire ON DELETE CASCADE while foreign
      // keys are on, and the pragma is ignored inside a transaction: switch them off around it.
      sqlite.pragma("foreign_keys = OFF");
      try {
        sqlite.transaction(() => {
          sqlite.exec(sql);
          const violations = sqlite.pragma("foreign_key_check") as unknown[];
          if (violations.length > 0)
            throw new Error(`migration ${name} leaves ${violations.length} foreign key violations`);
          sqlite
            .prepare(
              `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)`,
            )
            .run(crypto.randomUUID(), checksum, name);
        })();
      } finally {
        sqlite.pragma("foreign_keys = ON");
      }
      result.applied.push(name);
    }
    return result;
  } finally {
    sqlite.close();
  }
}
