// The PostgreSQL store, against a real PostgreSQL 15 server started here (scripts/postgres.mjs): the migration
// history applies once and only once, and the Prisma client of the derived schema reads and writes through the
// pg adapter, with the PartitionState projection kept by the PL/pgSQL triggers exactly as SQLite's triggers keep it.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma-postgres/client";
import { MIGRATIONS_DIR } from "@/lib/migrate";
import { migratePostgres } from "@/lib/migrate-postgres";
import fs from "node:fs";
import path from "node:path";
import { schemaShapes, type ModelShape } from "@/lib/schema-shapes";
import { startPostgres } from "../scripts/postgres.mjs";

let server: { url: string; stop(): void };
let db: PrismaClient;

beforeAll(() => {
  server = startPostgres({ port: 56000 + Math.floor(Math.random() * 2000) });
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.url }) });
});

afterAll(async () => {
  await db?.$disconnect();
  server?.stop();
});

describe("the PostgreSQL store", () => {
  it("applies the same migration history as SQLite, once", async () => {
    const sqliteHistory = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((n) => fs.existsSync(`${MIGRATIONS_DIR}/${n}/migration.sql`))
      .sort();
    expect((await migratePostgres(server.url)).applied).toEqual(sqliteHistory);
    expect(await migratePostgres(server.url)).toEqual({ applied: [], alreadyApplied: sqliteHistory });
  });

  it("keeps PartitionState by trigger: a new materialization, its status, a failed blocking check, a review", async () => {
    const run = await db.run.create({
      data: {
        action: "backfill",
        partitionKey: "2026-04-17",
        targetAssets: "[]",
        status: "running",
        operator: "operator@example.com",
      },
    });
    const m = await db.materialization.create({
      data: {
        runId: run.id,
        assetKey: "week06/silver/ticket_fact_partitioned",
        partitionKey: "2026-04-17",
        status: "running",
      },
    });
    const state = () =>
      db.partitionState.findUniqueOrThrow({
        where: {
          partitionKey_assetKey: { partitionKey: "2026-04-17", assetKey: "week06/silver/ticket_fact_partitioned" },
        },
      });
    expect(await state()).toMatchObject({
      materializationId: m.id,
      status: "running",
      blockingFailed: false,
      review: null,
    });
    await db.materialization.update({ where: { id: m.id }, data: { status: "succeeded", rowsAfter: 3 } });
    expect(await state()).toMatchObject({ status: "succeeded", rowsAfter: 3 });
    await db.checkResult.create({
      data: {
        runId: run.id,
        materializationId: m.id,
        assetKey: m.assetKey,
        partitionKey: m.partitionKey,
        name: "guard_unique",
        severity: "blocking",
        passed: false,
        observed: "1",
        expected: "0",
        message: "duplicate",
      },
    });
    expect(await state()).toMatchObject({ blockingFailed: true });
    const evidence = await db.evidence.create({
      data: { runId: run.id, partitionKey: "2026-04-17", path: "/tmp/e.json", sha256: "0".repeat(64), document: "{}" },
    });
    const review = await db.review.create({
      data: { evidenceId: evidence.id, reviewer: "reviewer@example.com", decision: "rejected", reason: "duplicate" },
    });
    expect(await state()).toMatchObject({ review: "rejected", reviewId: review.id });
  });
});

/** The migrated PostgreSQL database's shape, in the SQLite type names the schema reader uses. */
async function postgresShapes(): Promise<Record<string, ModelShape>> {
  const TYPE: Record<string, string> = {
    text: "TEXT",
    integer: "INTEGER",
    boolean: "BOOLEAN",
    "timestamp without time zone": "DATETIME",
    "double precision": "REAL",
  };
  const columns = await db.$queryRaw<
    { table_name: string; column_name: string; data_type: string; is_nullable: string }[]
  >`
    SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`;
  const keys = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'`;
  const indexes = await db.$queryRaw<{ table_name: string; unique: boolean; columns: string }[]>`
    SELECT t.relname AS table_name, ix.indisunique AS "unique", string_agg(a.attname, ',' ORDER BY k.ord) AS columns
    FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
    WHERE n.nspname = 'public' AND NOT ix.indisprimary AND t.relname <> '_prisma_migrations'
    GROUP BY t.relname, ix.indexrelid, ix.indisunique`;
  const out: Record<string, ModelShape> = {};
  for (const c of columns) {
    const shape = (out[c.table_name] ??= { columns: {}, indexes: [] });
    const pk = keys.some((k) => k.table_name === c.table_name && k.column_name === c.column_name);
    shape.columns[c.column_name] = { type: TYPE[c.data_type] ?? c.data_type, notnull: c.is_nullable === "NO", pk };
  }
  for (const i of indexes) out[i.table_name]!.indexes.push(`${i.unique ? "unique" : "index"}:${i.columns}`);
  return out;
}

describe("schema.prisma and the PostgreSQL migrations", () => {
  it("describe the same tables, columns and indexes", async () => {
    const expected = schemaShapes(
      fs.readFileSync(path.resolve(import.meta.dirname, "../prisma/schema.prisma"), "utf8"),
    );
    const actual = await postgresShapes();
    expect(Object.keys(actual).length).toBeGreaterThan(10);
    for (const shape of [...Object.values(expected), ...Object.values(actual)]) shape.indexes.sort();
    expect(actual).toEqual(expected);
  });
});
