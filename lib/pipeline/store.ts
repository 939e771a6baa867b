// Partition-scoped writes to the main tables, through the process's better-sqlite3 connection (lib/sqlite.ts):
// the single writer (docs/decisions/006-single-writer-connection.md). Each write is one short IMMEDIATE transaction that
// snapshots the rows it replaces (only when they change), upserts on the guard (ticket_id + partition_key),
// removes from *that partition only* the tickets the input no longer has, and leaves an unchanged row
// byte-for-byte as it was — so building a partition twice leaves identical rows.
import { diffRows, type RowDiff } from "@/lib/domain/diff";
import { crashPoint } from "@/lib/pipeline/crash-points";
import { pgRows, pgTransaction } from "@/lib/pg";
import { onPostgres } from "@/lib/raw";
import { statement, writeTransaction } from "@/lib/sqlite";

export const RAW_COLUMNS = [
  "ticketId",
  "partitionKey",
  "eventId",
  "eventType",
  "eventTime",
  "eventTimeUtc",
  "customerId",
  "channel",
  "productLine",
  "priority",
  "subject",
  "firstResponseMinutes",
  "manifestId",
] as const;
export const SILVER_COLUMNS = [
  "ticketId",
  "partitionKey",
  "eventId",
  "eventType",
  "eventTimeUtc",
  "customerId",
  "channel",
  "productLine",
  "priority",
  "subject",
  "firstResponseMinutes",
] as const;

export type PartitionTable = "RawTicketEvent" | "SilverTicketFact";
const UPSERT_ROWS = 50;
/** PostgreSQL takes far more parameters per statement (65,535): one statement per 1,000 rows, as a batched upsert does. */
const PG_UPSERT_ROWS = 1000;
type Row = Record<string, unknown>;

export function columnsOf(table: PartitionTable): readonly string[] {
  return table === "RawTicketEvent" ? RAW_COLUMNS : SILVER_COLUMNS;
}

/** A comparable form of a partition's rows: the table's columns in order, sorted by ticket. */
export function canonicalRows(table: PartitionTable, rows: Row[]): string {
  const cols = columnsOf(table);
  return JSON.stringify(
    rows
      .map((r) => cols.map((c) => (r[c] === null || r[c] === undefined ? null : String(r[c]))))
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
  );
}

function now(): string {
  return new Date().toISOString().replace("Z", "+00:00");
}

export interface PartitionWrite {
  rowsBefore: number;
  rows: number;
  tickets: number;
  /** The write against the rows it replaced; null when there were none (a first build) or when reverting. */
  diff: RowDiff | null;
}

export interface WriteOptions {
  /** Runs first inside the transaction; throws to write nothing (the engine checks the run's lease here). */
  guard?: () => void;
  /** On PostgreSQL, runs first inside the write's transaction with a query on it; throws to write nothing (the
   *  engine locks the run row and checks its lease; SQLite's IMMEDIATE transaction makes `guard` that fence). */
  fence?: (query: <T>(sql: string, params: unknown[]) => Promise<T[]>) => Promise<void>;
  /** Snapshot the rows being replaced (default). Reverting a cancelled run's write takes none. */
  snapshot?: boolean;
  /** The run the written rows are attributed to, when not `runId` (a revert puts back the earlier run's rows). */
  rowRunId?: number;
}

/**
 * The guarded upsert of `n` rows on `ticket_id + partition_key`, one statement for both stores: a row already there is
 * rewritten only when a column differs (`IS NOT` on SQLite, `IS DISTINCT FROM` on PostgreSQL: both null-safe).
 */
function upsertSql(table: PartitionTable, n: number, differs: "IS NOT" | "IS DISTINCT FROM"): string {
  const cols = columnsOf(table);
  const updatable = cols.filter((c) => c !== "ticketId" && c !== "partitionKey");
  const tuple = `(${cols.map(() => "?").join(", ")}, ?)`;
  return `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}, "runId") VALUES ${Array.from({ length: n }, () => tuple).join(", ")}
       ON CONFLICT ("ticketId", "partitionKey") DO UPDATE SET ${[...updatable, "runId"].map((c) => `"${c}" = excluded."${c}"`).join(", ")}
       WHERE ${updatable.map((c) => `"${table}"."${c}" ${differs} excluded."${c}"`).join(" OR ")}`;
}

/** upsertSql's parameters: each row's columns in order, then the run it is attributed to. */
function upsertParams(table: PartitionTable, chunk: Row[], rowRunId: number): unknown[] {
  const cols = columnsOf(table);
  const params: unknown[] = [];
  for (const r of chunk) {
    for (const c of cols) params.push(r[c] === undefined ? null : r[c]);
    params.push(rowRunId);
  }
  return params;
}

export async function writePartitionRows(
  table: PartitionTable,
  assetKey: string,
  key: string,
  rows: Row[],
  runId: number,
  options: WriteOptions = {},
): Promise<PartitionWrite> {
  if (onPostgres()) return writePartitionRowsPostgres(table, assetKey, key, rows, runId, options);
  const cols = columnsOf(table);
  const quoted = cols.map((c) => `"${c}"`).join(", ");
  const rowRunId = options.rowRunId ?? runId;
  // One IMMEDIATE transaction: the write lock is taken before the rows being replaced are read.
  return writeTransaction((): PartitionWrite => {
    options.guard?.();
    const before = statement(`SELECT ${quoted} FROM "${table}" WHERE "partitionKey" = ? ORDER BY "ticketId"`).all(
      key,
    ) as Row[];
    const same = before.length === 0 ? rows.length === 0 : canonicalRows(table, before) === canonicalRows(table, rows);
    if (before.length > 0 && !same && options.snapshot !== false) {
      // Whether the rows being replaced had passed their checks: restore returns only to trusted rows.
      const failed = statement(
        `SELECT COUNT(*) AS n FROM "CheckResult" WHERE "severity" = 'blocking' AND "passed" = false AND "materializationId" =
           (SELECT MAX("id") FROM "Materialization" WHERE "assetKey" = ? AND "partitionKey" = ? AND "status" = 'succeeded' AND "runId" <> ?)`,
      ).get(assetKey, key, runId) as { n: number };
      statement(
        `INSERT INTO "Snapshot" ("assetKey", "partitionKey", "takenBeforeRunId", "rowCount", "rows", "checksPassed", "takenAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(assetKey, key, runId, before.length, JSON.stringify(before), failed.n === 0 ? 1 : 0, now());
    }
    if (!same) {
      // Up to UPSERT_ROWS rows per statement: far fewer statement executions than one row each, same semantics
      // (rows of one statement are applied in order).
      for (let i = 0; i < rows.length; i += UPSERT_ROWS) {
        const chunk = rows.slice(i, i + UPSERT_ROWS);
        statement(upsertSql(table, chunk.length, "IS NOT")).run(upsertParams(table, chunk, rowRunId));
        if (i === 0) crashPoint("mid_batch");
      }
      const keep = new Set(rows.map((r) => String(r.ticketId)));
      const remove = statement(`DELETE FROM "${table}" WHERE "partitionKey" = ? AND "ticketId" = ?`);
      for (const b of before) if (!keep.has(String(b.ticketId))) remove.run(key, b.ticketId);
    }
    const counts = statement(
      `SELECT COUNT(*) AS rows, COUNT(DISTINCT "ticketId") AS tickets FROM "${table}" WHERE "partitionKey" = ?`,
    ).get(key) as { rows: number; tickets: number };
    const diff =
      before.length > 0 && options.snapshot !== false
        ? diffRows(
            before,
            rows,
            cols.filter((c) => c !== "partitionKey"),
          )
        : null;
    return { rowsBefore: before.length, rows: counts.rows, tickets: counts.tickets, diff };
  });
}

/**
 * The same write on PostgreSQL: one transaction that locks the run row (the lease fence) and the partition's rows
 * being replaced, snapshots them when they change, upserts in batches on the guard, removes the tickets the input
 * no longer has — identical semantics, so both stores leave identical rows.
 */
async function writePartitionRowsPostgres(
  table: PartitionTable,
  assetKey: string,
  key: string,
  rows: Row[],
  runId: number,
  options: WriteOptions,
): Promise<PartitionWrite> {
  const cols = columnsOf(table);
  const quoted = cols.map((c) => `"${c}"`).join(", ");
  const rowRunId = options.rowRunId ?? runId;
  return pgTransaction(async (client) => {
    await options.fence?.((sql, params) => pgRows(sql, params, client));
    // Two writers of one partition queue here: the first to lock its rows finishes before the second reads them.
    await pgRows(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`${table}|${key}`], client);
    const before = await pgRows<Row>(
      `SELECT ${quoted} FROM "${table}" WHERE "partitionKey" = ? ORDER BY "ticketId"`,
      [key],
      client,
    );
    const same = before.length === 0 ? rows.length === 0 : canonicalRows(table, before) === canonicalRows(table, rows);
    if (before.length > 0 && !same && options.snapshot !== false) {
      const [failed] = await pgRows<{ n: number }>(
        `SELECT COUNT(*) AS n FROM "CheckResult" WHERE "severity" = 'blocking' AND NOT "passed" AND "materializationId" =
           (SELECT MAX("id") FROM "Materialization" WHERE "assetKey" = ? AND "partitionKey" = ? AND "status" = 'succeeded' AND "runId" <> ?)`,
        [assetKey, key, runId],
        client,
      );
      await pgRows(
        `INSERT INTO "Snapshot" ("assetKey", "partitionKey", "takenBeforeRunId", "rowCount", "rows", "checksPassed", "takenAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [assetKey, key, runId, before.length, JSON.stringify(before), failed!.n === 0, new Date()],
        client,
      );
    }
    if (!same) {
      for (let i = 0; i < rows.length; i += PG_UPSERT_ROWS) {
        const chunk = rows.slice(i, i + PG_UPSERT_ROWS);
        await pgRows(upsertSql(table, chunk.length, "IS DISTINCT FROM"), upsertParams(table, chunk, rowRunId), client);
        if (i === 0) crashPoint("mid_batch");
      }
      const keep = new Set(rows.map((r) => String(r.ticketId)));
      const gone = before.filter((b) => !keep.has(String(b.ticketId))).map((b) => String(b.ticketId));
      if (gone.length > 0)
        await pgRows(
          `DELETE FROM "${table}" WHERE "partitionKey" = ? AND "ticketId" = ANY(?::text[])`,
          [key, gone],
          client,
        );
    }
    const [counts] = await pgRows<{ rows: number; tickets: number }>(
      `SELECT COUNT(*) AS rows, COUNT(DISTINCT "ticketId") AS tickets FROM "${table}" WHERE "partitionKey" = ?`,
      [key],
      client,
    );
    const diff =
      before.length > 0 && options.snapshot !== false
        ? diffRows(
            before,
            rows,
            cols.filter((c) => c !== "partitionKey"),
          )
        : null;
    return { rowsBefore: before.length, rows: counts!.rows, tickets: counts!.tickets, diff };
  });
}
