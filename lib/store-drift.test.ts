// Fails when prisma/schema.prisma and the committed migrations drift apart: a fresh database built from the
// migrations must have exactly the schema's tables, columns (type, nullability, primary key) and indexes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "@/lib/migrate";

const SQL_TYPE: Record<string, string> = { String: "TEXT", Int: "INTEGER", Boolean: "BOOLEAN", DateTime: "DATETIME", Float: "REAL" };

interface ModelShape {
  columns: Record<string, { type: string; notnull: boolean; pk: boolean }>;
  indexes: string[]; // "unique:a,b" or "index:a,b"
}

/** A deliberately small reader of our schema.prisma: scalar fields, @id/@@id, @unique/@@unique, @@index. */
function schemaShapes(source: string): Record<string, ModelShape> {
  const models: Record<string, ModelShape> = {};
  for (const [, name, body] of source.matchAll(/^model (\w+) \{\n([\s\S]*?)\n\}/gm)) {
    const shape: ModelShape = { columns: {}, indexes: [] };
    const pk: string[] = [];
    for (const raw of body!.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      if (!line || line.startsWith("///")) continue;
      const block = /^@@(id|unique|index)\(\[([^\]]+)\]/.exec(line);
      if (block) {
        const cols = block[2]!.split(",").map((c) => c.trim()).join(",");
        if (block[1] === "id") pk.push(...cols.split(","));
        else shape.indexes.push(`${block[1]}:${cols}`);
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\??)(\[\])?/.exec(line);
      if (!field || !(field[2]! in SQL_TYPE) || field[4]) continue; // relation fields have no column
      shape.columns[field[1]!] = { type: SQL_TYPE[field[2]!]!, notnull: field[3] !== "?", pk: /@id\b/.test(line) };
      if (/@unique\b/.test(line)) shape.indexes.push(`unique:${field[1]}`);
    }
    for (const col of pk) shape.columns[col]!.pk = true;
    models[name!] = shape;
  }
  return models;
}

function databaseShapes(file: string): Record<string, ModelShape> {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as { name: string }[]).map((t) => t.name);
    const out: Record<string, ModelShape> = {};
    for (const table of tables) {
      const shape: ModelShape = { columns: {}, indexes: [] };
      for (const c of sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string; notnull: number; pk: number }[]) {
        shape.columns[c.name] = { type: c.type, notnull: c.notnull === 1 || c.pk > 0, pk: c.pk > 0 };
      }
      for (const idx of sqlite.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number; origin: string }[]) {
        if (idx.origin === "pk") continue;
        const cols = (sqlite.prepare(`PRAGMA index_info("${idx.name}")`).all() as { name: string }[]).map((c) => c.name).join(",");
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
    const expected = schemaShapes(fs.readFileSync(path.resolve(import.meta.dirname, "../prisma/schema.prisma"), "utf8"));
    const actual = databaseShapes(file);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    for (const shape of [...Object.values(expected), ...Object.values(actual)]) shape.indexes.sort();
    expect(actual).toEqual(expected);
  });

  it("the reader notices a column missing from the migrations", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pd-drift-")), "drift.db");
    migrate(file);
    const schema = fs.readFileSync(path.resolve(import.meta.dirname, "../prisma/schema.prisma"), "utf8").replace("model Review {\n", "model Review {\n  extraColumn String\n");
    expect(databaseShapes(file)).not.toEqual(schemaShapes(schema));
  });
});
