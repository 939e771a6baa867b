// Part of npm run bench: the backfill write path (writePartition: snapshot check + guarded upsert through Prisma,
// one transaction per partition) against raw better-sqlite3 batched upserts of the same rows, same run.
// DATABASE_URL must name a fresh scratch file; RAW_DB a second one. Prints one JSON object on stdout.
import Database from "better-sqlite3";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { applyGuard } from "@/lib/domain/guard";
import { addDays, toUtcIso, type PartitionKey } from "@/lib/domain/partition";
import { dayEvents, rng } from "@/lib/bench/generate";
import { migrate } from "@/lib/migrate";
import { RAW_COLUMNS, writePartitionRows } from "@/lib/pipeline/store";
import type { TicketEvent } from "@/contracts/manifest";

const PARTITIONS = Number(process.env.BENCH_WRITE_PARTITIONS ?? 100);
const TICKETS = Number(process.env.BENCH_WRITE_TICKETS ?? 300);
const rawDb = process.env.RAW_DB!;
migrate(config().databaseFile);
migrate(rawDb);

const ROUNDS = 7;
const random = rng(7);
const cols = [...RAW_COLUMNS, "runId"];
const sqlite = new Database(rawDb);
sqlite.pragma("journal_mode = WAL");
const upsert = sqlite.prepare(
  `INSERT INTO "RawTicketEvent" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})
   ON CONFLICT ("ticketId", "partitionKey") DO UPDATE SET ${cols.filter((c) => c !== "ticketId" && c !== "partitionKey").map((c) => `"${c}" = excluded."${c}"`).join(", ")}`,
);
type Row = Record<string, string | number | null>;
const batch = sqlite.transaction((rows: Row[]) => {
  for (const r of rows) upsert.run(...cols.map((c) => (c === "runId" ? 1 : (r[c] ?? null))));
});
const run = await db.run.create({ data: { action: "backfill", partitionKey: "2030-01-01", targetAssets: "[]", status: "running", operator: "bench" } });

// Rounds alternate the two writers on new partitions (new keys every round), so machine noise hits both.
const rounds: { rows: number; oursMs: number; rawMs: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // The same rows for both: generated events, through the guard, as raw rows.
  const partitions: { key: PartitionKey; rows: Row[] }[] = [];
  for (let i = 0; i < PARTITIONS; i++) {
    const key = addDays("2030-01-01" as PartitionKey, round * 1000 + i);
    const events = dayEvents(key, TICKETS, random, 1_000_000 + (round * 1000 + i) * TICKETS).map((l) => JSON.parse(l) as TicketEvent);
    const guarded = applyGuard(events.map((e) => ({ ticketId: e.ticket_id, eventId: e.event_id, partitionKey: key, eventTimeUtc: toUtcIso(e.event_time), e })));
    partitions.push({
      key,
      rows: guarded.map(({ e, eventTimeUtc }) => ({
        ticketId: e.ticket_id, partitionKey: key, eventId: e.event_id, eventType: e.event_type, eventTime: e.event_time, eventTimeUtc,
        customerId: e.customer_id, channel: e.channel, productLine: e.product_line, priority: e.priority, subject: e.subject,
        firstResponseMinutes: e.first_response_minutes, manifestId: "bench",
      })),
    });
  }
  // Ours: the real write path, one short immediate transaction per partition.
  const ours = async () => {
    const t = performance.now();
    for (const p of partitions) await writePartitionRows("RawTicketEvent", "week06/ingestion/raw_ticket_events_partitioned", p.key, p.rows, run.id);
    return performance.now() - t;
  };
  // Baseline: better-sqlite3, prepared upsert, 1,000 rows per transaction (its published batching), same rows.
  const all = partitions.flatMap((p) => p.rows);
  const raw = () => {
    const t = performance.now();
    for (let i = 0; i < all.length; i += 1000) batch(all.slice(i, i + 1000));
    return performance.now() - t;
  };
  // Alternate which goes first, so warm-up and background noise fall on both alike.
  let oursMs: number;
  let rawMs: number;
  if (round % 2 === 0) {
    oursMs = await ours();
    rawMs = raw();
  } else {
    rawMs = raw();
    oursMs = await ours();
  }
  rounds.push({ rows: all.length, oursMs, rawMs });
}
const total = rounds.reduce((n, r) => n + r.rows, 0);
const check = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "RawTicketEvent"`).get() as { n: number }).n;
sqlite.close();
const ours = await db.rawTicketEvent.count();
if (ours !== total || check !== total) throw new Error(`row counts differ: ours ${ours}, raw ${check}, expected ${total}`);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const oursMs = med(rounds.map((r) => r.oursMs));
const rawMs = med(rounds.map((r) => r.rawMs));
const perRound = rounds[0]!.rows;

process.stdout.write(
  JSON.stringify({
    rows_per_round: perRound,
    partitions_per_round: PARTITIONS,
    rounds: ROUNDS,
    ours_rows_per_s: Math.round(perRound / (oursMs / 1000)),
    raw_rows_per_s: Math.round(perRound / (rawMs / 1000)),
    ratio: +(rawMs / oursMs).toFixed(3),
    ratios_per_round: rounds.map((r) => +(r.rawMs / r.oursMs).toFixed(3)),
  }),
);
