// Bulk reads on whichever store is configured, bypassing the Prisma client's row conversion (slow for tens of
// thousands of rows): SQLite's prepared statements (lib/sqlite.ts) or PostgreSQL's pool (lib/pg.ts). The SQL is
// shared; the few spellings that differ are the helpers here.
import { Prisma } from "@/generated/prisma/client";
import { config } from "@/lib/config";
import { pgRows } from "@/lib/pg";
import { statement } from "@/lib/sqlite";

export const onPostgres = () => config().store.provider === "postgresql";

/** The rows of a read, `?` placeholders. */
export async function rawRows<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return onPostgres() ? pgRows<T>(sql, params) : (statement(sql, params).all(...params) as T[]);
}

/** The values of a JSON array parameter as a one-column set: `x IN (${jsonValues()})` (integers: `jsonValues("int")`). */
export function jsonValues(type: "text" | "int" = "text"): string {
  if (!onPostgres()) return "SELECT value FROM json_each(?)";
  return type === "int"
    ? "SELECT (json_array_elements_text(?::json))::int"
    : "SELECT json_array_elements_text(?::json)";
}

/** A boolean column compared with false, for SQL shared by both stores (SQLite keeps booleans as 0/1). */
export function isFalse(column: string): string {
  return onPostgres() ? `NOT ${column}` : `${column} = 0`;
}

/** jsonValues() for Prisma's tagged `$queryRaw`: the values of `json` (a JSON array) as a one-column set. */
export function jsonValuesSql(json: string, type: "text" | "int" = "text"): Prisma.Sql {
  if (!onPostgres()) return Prisma.sql`SELECT value FROM json_each(${json})`;
  return type === "int"
    ? Prisma.sql`SELECT (json_array_elements_text(${json}::json))::int`
    : Prisma.sql`SELECT json_array_elements_text(${json}::json)`;
}
