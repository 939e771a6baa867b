// Partition-scoped writes to the main tables, through the process's better-sqlite3 connection (lib/sqlite.ts):
// the single writer (docs/decisions/006-single-writer-connection.md). Each write is one short IMMEDIATE transaction that
// snapshots the rows it replaces (only when they change), upserts on the guard (ticket_id + partition_key),
// removes from *that partition only* the tickets the input no longer has, and leaves an unchanged row
// byte-for-byte as it was — so building a partition twice leaves identical rows.
import { crashPoint } from "@/lib/pipeline/crash-points";
import { sqlite, statement } from "@/lib/sqlite";

export const RAW_COLUMNS = [
  "ticketId", "partitionKey", "eventId", "eventType", "eventTime", "eventTimeUtc", "customerId",
  "channel", "productLine", "priority", "subject", "firstResponseMinutes", "manifestId",
] as const;
export const SILVER_COLUMNS = [
  "ticketId", "partitionKey", "eventId", "eventType", "eventTimeUtc", "customerId",
  "channel", "productLine", "priority", "subject", "firstResponseMinutes",
] as const;

export type PartitionTable = "RawTicketEvent" | "SilverTicketFact";
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
}

export function writePartitionRows(table: PartitionTable, assetKey: string, key: string, rows: Row[], runId: number): PartitionWrite {
  const cols = columnsOf(table);
  const quoted = cols.map((c) => `"${c}"`).join(", ");
  const updatable = cols.filter((c) => c !== "ticketId" && c !== "partitionKey");
  const upsert = statement(
    `INSERT INTO "${table}" (${quoted}, "runId") VALUES (${cols.map(() => "?").join(", ")}, ?)
     ON CONFLICT ("ticketId", "partitionKey") DO UPDATE SET ${[...updatable, "runId"].map((c) => `"${c}" = excluded."${c}"`).join(", ")}
     WHERE ${updatable.map((c) => `"${table}"."${c}" IS NOT excluded."${c}"`).join(" OR ")}`,
  );
  const write = sqlite().transaction((): PartitionWrite => {
    const before = statement(`SELECT ${quoted} FROM "${table}" WHERE "partitionKey" = ? ORDER BY "ticketId"`).all(key) as Row[];
    const same = before.length === 0 ? rows.length === 0 : canonicalRows(table, before) === canonicalRows(table, rows);
    if (before.length > 0 && !same) {
      // Whether the rows being replaced had passed their checks: restore returns only to trusted rows.
      const failed = statement(
        `SELECT COUNT(*) AS n FROM "CheckResult" WHERE "severity" = 'blocking' AND "passed" = 0 AND "materializationId" =
           (SELECT MAX("id") FROM "Materialization" WHERE "assetKey" = ? AND "partitionKey" = ? AND "status" = 'succeeded' AND "runId" <> ?)`,
      ).get(assetKey, key, runId) as { n: number };
      statement(`INSERT INTO "Snapshot" ("assetKey", "partitionKey", "takenBeforeRunId", "rowCount", "rows", "checksPassed", "takenAt") VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
        assetKey, key, runId, before.length, JSON.stringify(before), failed.n === 0 ? 1 : 0, now(),
      );
    }
    if (!same) {
      for (const [i, r] of rows.entries()) {
        upsert.run(...cols.map((c) => (r[c] === undefined ? null : r[c])), runId);
        if (i === 0) crashPoint("mid_batch");
      }
      const keep = new Set(rows.map((r) => String(r.ticketId)));
      const remove = statement(`DELETE FROM "${table}" WHERE "partitionKey" = ? AND "ticketId" = ?`);
      for (const b of before) if (!keep.has(String(b.ticketId))) remove.run(key, b.ticketId);
    }
    const counts = statement(`SELECT COUNT(*) AS rows, COUNT(DISTINCT "ticketId") AS tickets FROM "${table}" WHERE "partitionKey" = ?`).get(key) as { rows: number; tickets: number };
    statement(`UPDATE "Run" SET "rowsDone" = ? WHERE "id" = ?`).run(counts.rows, runId);
    return { rowsBefore: before.length, rows: counts.rows, tickets: counts.tickets };
  });
  // IMMEDIATE: take the write lock at the start (waiting on the busy timeout) rather than fail a lock upgrade.
  return write.immediate();
}
