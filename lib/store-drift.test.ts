// Fails when prisma/schema.prisma and the committed migrations drift apart: a fresh database built from the
// migrations must have exactly the schema's tables, columns (type, nullability, primary key) and indexes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "@/lib/migrate";
import { schemaShapes, type ModelShape } from "@/lib/schema-shapes";

function databaseShapes(file: string): Record<string, ModelShape> {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = (
      sqlite
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const out: Record<string, ModelShape> = {};
    for (const table of tables) {
      const shape: ModelShape = { columns: {}, indexes: [] };
      for (const c of sqlite.prepare(`PRAGMA table_info("${table}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[]) {
        shape.columns[c.name] = { type: c.type, notnull: c.notnull === 1 || c.pk > 0, pk: c.pk > 0 };
      }
      for (const idx of sqlite.prepare(`PRAGMA index_list("${table}")`).all() as {
        name: string;
        unique: number;
        origin: string;
      }[]) {
        if (idx.origin === "pk") continue;
        const cols = (sqlite.prepare(`PRAGMA index_info("${idx.name}")`).all() as { name: string }[])
          .map((c) => c.name)
          .join(",");
        shape.indexes.push(`${idx.unique ? "unique" : "index"}:${cols}`);
      }
      out[table] = shape;
    }
    return out;
  } finally {
    sqlite.close();
  }
}

describe("schema.prisma and the migrations", () => {
  it("describe the same tables, columns and indexes", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pd-drift-")), "drift.db");
    migrate(file);
    const expected = schemaShapes(
      fs.readFileSync(path.resolve(import.meta.dirname, "../prisma/schema.prisma"), "utf8"),
    );
    const actual = databaseShapes(file);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    for (const shape of [...Object.values(expected), ...Object.values(actual)]) shape.indexes.sort();
    expect(actual).toEqual(expected);
  });

  it("the reader notices a column missing from the migrations", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pd-drift-")), "drift.db");
    migrate(file);
    const schema = fs
      .readFileSync(path.resolve(import.meta.dirname, "../prisma/schema.prisma"), "utf8")
      .replace("model Review {\n", "model Review {\n  extraColumn String\n");
    expect(databaseShapes(file)).not.toEqual(schemaShapes(schema));
  });
});
