// A deliberately small reader of prisma/schema.prisma for the drift tests of both stores (SQLite and PostgreSQL):
// each model's scalar columns (type, nullability, primary key) and indexes, in SQLite's type names.
export const SQL_TYPE: Record<string, string> = {
  String: "TEXT",
  Int: "INTEGER",
  Boolean: "BOOLEAN",
  DateTime: "DATETIME",
  Float: "REAL",
};

export interface ModelShape {
  columns: Record<string, { type: string; notnull: boolean; pk: boolean }>;
  indexes: string[]; // "unique:a,b" or "index:a,b"
}

/** A deliberately small reader of our schema.prisma: scalar and enum fields, @id/@@id, @unique/@@unique, @@index. */
export function schemaShapes(source: string): Record<string, ModelShape> {
  const models: Record<string, ModelShape> = {};
  // Enums are TEXT columns on both stores.
  const types: Record<string, string> = {
    ...SQL_TYPE,
    ...Object.fromEntries([...source.matchAll(/^enum (\w+) \{/gm)].map((m) => [m[1]!, "TEXT"])),
  };
  for (const [, name, body] of source.matchAll(/^model (\w+) \{\n([\s\S]*?)\n\}/gm)) {
    const shape: ModelShape = { columns: {}, indexes: [] };
    const pk: string[] = [];
    for (const raw of body!.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      if (!line || line.startsWith("///")) continue;
      const block = /^@@(id|unique|index)\(\[([^\]]+)\]/.exec(line);
      if (block) {
        const cols = block[2]!
          .split(",")
          .map((c) => c.trim())
          .join(",");
        if (block[1] === "id") pk.push(...cols.split(","));
        else shape.indexes.push(`${block[1]}:${cols}`);
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\??)(\[\])?/.exec(line);
      if (!field || !(field[2]! in types) || field[4]) continue; // relation fields have no column
      shape.columns[field[1]!] = { type: types[field[2]!]!, notnull: field[3] !== "?", pk: /@id\b/.test(line) };
      if (/@unique\b/.test(line)) shape.indexes.push(`unique:${field[1]}`);
    }
    for (const col of pk) shape.columns[col]!.pk = true;
    models[name!] = shape;
  }
  return models;
}
