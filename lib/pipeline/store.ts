// Partition-scoped writes to the main tables. Rows are upserted on the guard (ticket_id + partition_key),
// rows the new input no longer has are removed from *that partition only*, and an unchanged row is left
// byte-for-byte as it was — so building a partition twice leaves identical rows.
import type { Prisma } from "@/generated/prisma/client";

export type Tx = Prisma.TransactionClient;

export const RAW_COLUMNS = [
  "ticketId", "partitionKey", "eventId", "eventType", "eventTime", "eventTimeUtc", "customerId",
  "channel", "productLine", "priority", "subject", "firstResponseMinutes", "manifestId",
] as const;
export const SILVER_COLUMNS = [
  "ticketId", "partitionKey", "eventId", "eventType", "eventTimeUtc", "customerId",
  "channel", "productLine", "priority", "subject", "firstResponseMinutes",
] as const;

export type RawRow = Record<(typeof RAW_COLUMNS)[number], string | number | null>;
export type SilverRow = Record<(typeof SILVER_COLUMNS)[number], string | number | null>;

export type PartitionTable = "RawTicketEvent" | "SilverTicketFact";

export function columnsOf(table: PartitionTable): readonly string[] {
  return table === "RawTicketEvent" ? RAW_COLUMNS : SILVER_COLUMNS;
}

/** Current rows of a partition, without surrogate id and run lineage, ordered by ticket. */
export async function readPartitionRows(tx: Tx, table: PartitionTable, partitionKey: string): Promise<Record<string, unknown>[]> {
  const cols = columnsOf(table).map((c) => `"${c}"`).join(", ");
  return tx.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${cols} FROM "${table}" WHERE "partitionKey" = ? ORDER BY "ticketId"`,
    partitionKey,
  );
}

/** A comparable form of a partition's rows: the table's columns in order, sorted by ticket. */
export function canonicalRows(table: PartitionTable, rows: Record<string, unknown>[]): string {
  const cols = columnsOf(table);
  return JSON.stringify(
    rows
      .map((r) => cols.map((c) => (r[c] === null || r[c] === undefined ? null : String(r[c]))))
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
  );
}

const CHUNK = 400;

/** Makes the partition hold exactly `rows` (keyed by ticketId); returns the number of rows written or removed. */
export async function replacePartitionRows(
  tx: Tx,
  table: PartitionTable,
  partitionKey: string,
  rows: Record<string, unknown>[],
  runId: number,
  afterChunk: () => void = () => {},
): Promise<number> {
  const columns = [...columnsOf(table), "runId"];
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  const changedWhere = columnsOf(table)
    .filter((c) => c !== "ticketId" && c !== "partitionKey")
    .map((c) => `"${table}"."${c}" IS NOT excluded."${c}"`)
    .join(" OR ");
  const updates = columns
    .filter((c) => c !== "ticketId" && c !== "partitionKey")
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(", ");
  let changes = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const placeholders = chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
    const values = chunk.flatMap((r) => columns.map((c) => (c === "runId" ? runId : (r[c] ?? null))));
    changes += await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${quoted}) VALUES ${placeholders}
       ON CONFLICT ("ticketId", "partitionKey") DO UPDATE SET ${updates} WHERE ${changedWhere}`,
      ...values,
    );
    afterChunk();
  }
  const keep = rows.map((r) => String(r.ticketId));
  const existing = await tx.$queryRawUnsafe<{ ticketId: string }[]>(
    `SELECT "ticketId" FROM "${table}" WHERE "partitionKey" = ?`,
    partitionKey,
  );
  const keepSet = new Set(keep);
  const gone = existing.map((r) => r.ticketId).filter((t) => !keepSet.has(t));
  for (let i = 0; i < gone.length; i += CHUNK) {
    const chunk = gone.slice(i, i + CHUNK);
    changes += await tx.$executeRawUnsafe(
      `DELETE FROM "${table}" WHERE "partitionKey" = ? AND "ticketId" IN (${chunk.map(() => "?").join(", ")})`,
      partitionKey,
      ...chunk,
    );
  }
  return changes;
}
