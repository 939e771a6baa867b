// npm run -s generate -- [flags] — a deterministic large store in an (empty) DATABASE_URL, for benchmarks and the
// scale e2e specs. A developer's tool, not an operator's: kept out of the product CLI, messages in English.
import { parseArgs } from "node:util";
import { z } from "zod";
import { generateStore } from "@/lib/bench/generate";
import { closeStore } from "@/lib/close-store";
import { partitionKeyProblem, type PartitionKey } from "@/lib/domain/partition";
import { migrateStore } from "@/lib/migrate-store";
import { onPostgres } from "@/lib/raw";

const USAGE = `Usage: npm run -s generate -- [--days N] [--tickets-per-day N] [--assets N] [--seed N] [--end YYYY-MM-DD]
                                [--build mixed|none] [--history N] [--audit N] [--delivery DIR]

Builds a deterministic large store in the (empty) DATABASE_URL: --days daily partitions ending at --end (default
2026-04-30), --tickets-per-day tickets each, --assets assets in all (the pipeline's three plus derived ones), from
--seed. Defaults: 1095, 300, 92, 1. --build none loads the manifests only (every partition missing, ready for a long
backfill); default mixed. --history N writes N earlier runs per built partition (steps, checks, evidence, reviews) and
--audit N that many audit events over the years, before the real builds (SQLite only). --delivery DIR puts the
generated manifests and batches there (default: beside the SQLite file). Prints what it made as JSON.
Set WEEK06_PARTITION_START_DATE/END_DATE to the generated range to serve it.`;

const optionsSchema = z.object({
  days: z.coerce.number().int().min(1).max(5000).default(1095),
  "tickets-per-day": z.coerce.number().int().min(1).max(5000).default(300),
  assets: z.coerce.number().int().min(3).max(1000).default(92),
  seed: z.coerce.number().int().default(1),
  end: z
    .string()
    .default("2026-04-30")
    .refine((v) => partitionKeyProblem(v) === null, "must be a date as YYYY-MM-DD"),
  build: z.enum(["mixed", "none"], { message: "must be mixed or none" }).default("mixed"),
  history: z.coerce.number().int().min(0).max(100).default(0),
  audit: z.coerce.number().int().min(0).max(10_000_000).default(0),
  delivery: z.string().min(1).max(1000).optional(),
});

async function main(): Promise<number> {
  // Every option of the schema is a string flag.
  const flags = Object.keys(optionsSchema.shape);
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        ...Object.fromEntries(flags.map((f) => [f, { type: "string" as const }])),
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("; "));
    return 2;
  }
  const o = parsed.data;
  if (onPostgres() && (o.history > 0 || o.audit > 0)) {
    // The history writer batches straight into SQLite (lib/bench/history.ts); PostgreSQL stores get the real builds only.
    console.error("--history and --audit are for a SQLite store; on PostgreSQL generate with --history 0 --audit 0");
    return 2;
  }
  await migrateStore();
  const result = await generateStore({
    days: o.days,
    ticketsPerDay: o["tickets-per-day"],
    assets: o.assets,
    seed: o.seed,
    end: o.end as PartitionKey,
    build: o.build,
    history: o.history,
    auditEvents: o.audit,
    deliveryDir: o.delivery,
    log: (line) => console.error(line),
  });
  console.log(JSON.stringify(result, null, 2));
  return 0;
}

process.exitCode = await main();
await closeStore();
