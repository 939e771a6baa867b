// Part of npm run bench: the backfill write path (writePartitionRows: snapshot check + guarded upsert, one
// transaction per partition) against the store's own driver upserting the same rows in batches, same run: raw
// better-sqlite3 on SQLite (DATABASE_URL a fresh scratch file, RAW_DB a second one), raw `pg` on PostgreSQL
// (DATABASE_URL a fresh database, RAW_DATABASE_URL a second one). Prints one JSON object on stdout.
import Database from "better-sqlite3";
import pg from "pg";
import { closeStore } from "@/lib/close-store";
import { db } from "@/lib/db";
import { applyGuard } from "@/lib/domain/guard";
import { addDays, toUtcIso, type PartitionKey } from "@/lib/domain/partition";
import { dayEvents, rng } from "@/lib/bench/generate";
import { migrate } from "@/lib/migrate";
import { migratePostgres } from "@/lib/migrate-postgres";
import { migrateStore } from "@/lib/migrate-store";
import { onPostgres } from "@/lib/raw";
import { RAW_COLUMNS, writePartitionRows } from "@/lib/pipeline/store";
import type { TicketEvent } from "@/contracts/manifest";

const PARTITIONS = Number(process.env.BENCH_WRITE_PARTITIONS ?? 100);
const TICKETS = Number(process.env.BENCH_WRITE_TICKETS ?? 300);
const postgres = onPostgres();
await migrateStore();

const ROUNDS = 7;
const random = rng(7);
const cols = [...RAW_COLUMNS, "runId"];
type Row = Record<string, string | number | null>;
const values = (r: Row) => cols.map((c) => (c === "runId" ? 1 : (r[c] ?? null)));
const onConflict = `ON CONFLICT ("ticketId", "partitionKey") DO UPDATE SET ${cols
  .filter((c) => c !== "ticketId" && c !== "partitionKey")
  .map((c) => `"${c}" = excluded."${c}"`)
  .join(", ")}`;

/** The baseline: the driver alone, 1,000 rows per transaction, nothing else. */
interface RawWriter {
  write(rows: Row[]): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}

async function rawSqlite(file: string): Promise<RawWriter> {
  migrate(file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const upsert = sqlite.prepare(
    `INSERT INTO "RawTicketEvent" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")}) ${onConflict}`,
  );
  const batch = sqlite.transaction((rows: Row[]) => {
    for (const r of rows) upsert.run(...values(r));
  });
  return {
    write: async (rows) => {
      for (let i = 0; i < rows.length; i += 1000) batch(rows.slice(i, i + 1000));
    },
    count: async () => (sqlite.prepare(`SELECT COUNT(*) AS n FROM "RawTicketEvent"`).get() as { n: number }).n,
    close: async () => void sqlite.close(),
  };
}

async function rawPostgres(url: string): Promise<RawWriter> {
  await migratePostgres(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // One multi-row INSERT … ON CONFLICT per 1,000 rows, each its own transaction: the usual batched upsert with pg.
  return {
    write: async (rows) => {
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        let n = 0;
        const tuples = chunk.map(() => `(${cols.map(() => `$${++n}`).join(", ")})`).join(", ");
        await client.query("BEGIN");
        await client.query(
          `INSERT INTO "RawTicketEvent" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples} ${onConflict}`,
          chunk.flatMap(values),
        );
        await client.query("COMMIT");
      }
    },
    count: async () => Number((await client.query(`SELECT COUNT(*) AS n FROM "RawTicketEvent"`)).rows[0].n),
    close: () => client.end(),
  };
}

const raw = postgres ? await rawPostgres(process.env.RAW_DATABASE_URL!) : await rawSqlite(process.env.RAW_DB!);
const run = await db.run.create({
  data: { action: "backfill", partitionKey: "2030-01-01", targetAssets: "[]", status: "running", operator: "bench" },
});

// Rounds alternate the two writers on new partitions (new keys every round), so machine noise hits both.
const rounds: { rows: number; oursMs: number; rawMs: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // The same rows for both: generated events, through the guard, as raw rows.
  const partitions: { key: PartitionKey; rows: Row[] }[] = [];
  for (let i = 0; i < PARTITIONS; i++) {
    const key = addDays("2030-01-01" as PartitionKey, round * 1000 + i);
    const events = dayEvents(key, TICKETS, random, 1_000_000 + (round * 1000 + i) * TICKETS).map(
      (l) => JSON.parse(l) as TicketEvent,
    );
    const guarded = applyGuard(
      events.map((e) => ({
        ticketId: e.ticket_id,
        eventId: e.event_id,
        partitionKey: key,
        eventTimeUtc: toUtcIso(e.event_time),
        e,
      })),
    );
    partitions.push({
      key,
      rows: guarded.map(({ e, eventTimeUtc }) => ({
        ticketId: e.ticket_id,
        partitionKey: key,
        eventId: e.event_id,
        eventType: e.event_type,
        eventTime: e.event_time,
        eventTimeUtc,
        customerId: e.customer_id,
        channel: e.channel,
        productLine: e.product_line,
        priority: e.priority,
        subject: e.subject,
        firstResponseMinutes: e.first_response_minutes,
        manifestId: "bench",
      })),
    });
  }
  // Ours: the real write path, one short immediate transaction per partition.
  const ours = async () => {
    const t = performance.now();
    for (const p of partitions)
      await writePartitionRows(
        "RawTicketEvent",
        "week06/ingestion/raw_ticket_events_partitioned",
        p.key,
        p.rows,
        run.id,
      );
    return performance.now() - t;
  };
  // Baseline: better-sqlite3, prepared upsert, 1,000 rows per transaction (its published batching), same rows.
  const all = partitions.flatMap((p) => p.rows);
  const baseline = async () => {
    const t = performance.now();
    await raw.write(all);
    return performance.now() - t;
  };
  // Alternate which goes first, so warm-up and background noise fall on both alike.
  let oursMs: number;
  let rawMs: number;
  if (round % 2 === 0) {
    oursMs = await ours();
    rawMs = await baseline();
  } else {
    rawMs = await baseline();
    oursMs = await ours();
  }
  rounds.push({ rows: all.length, oursMs, rawMs });
}
const total = rounds.reduce((n, r) => n + r.rows, 0);
const check = await raw.count();
await raw.close();
const ours = await db.rawTicketEvent.count();
await closeStore();
if (ours !== total || check !== total)
  throw new Error(`row counts differ: ours ${ours}, raw ${check}, expected ${total}`);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const oursMs = med(rounds.map((r) => r.oursMs));
const rawMs = med(rounds.map((r) => r.rawMs));
const perRound = rounds[0]!.rows;

process.stdout.write(
  JSON.stringify({
    store: postgres ? "postgresql" : "sqlite",
    baseline: postgres
      ? "raw pg, multi-row INSERT … ON CONFLICT, 1,000 rows per transaction"
      : "raw better-sqlite3, prepared upsert, 1,000 rows per transaction",
    rows_per_round: perRound,
    partitions_per_round: PARTITIONS,
    rounds: ROUNDS,
    ours_rows_per_s: Math.round(perRound / (oursMs / 1000)),
    raw_rows_per_s: Math.round(perRound / (rawMs / 1000)),
    ratio: +(rawMs / oursMs).toFixed(3),
    ratios_per_round: rounds.map((r) => +(r.rawMs / r.oursMs).toFixed(3)),
  }),
);
