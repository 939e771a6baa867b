// Configuration from the environment, validated once at start. A bad value stops the process with a
// message naming the variable (see .env.example for every variable and its default).
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { partitionKeyProblem, type PartitionKey } from "@/lib/domain/partition";

const partitionKey = z.string().superRefine((value, ctx) => {
  const problem = partitionKeyProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const configSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^file:.+/, 'must be a SQLite file URL such as "file:./data/partition-desk.db"')
      .default("file:./data/partition-desk.db"),
    WEEK06_PARTITION_START_DATE: partitionKey.default("2026-03-01"),
    WEEK06_PARTITION_END_DATE: partitionKey.default("2026-04-30"),
    WEEK06_DEFAULT_PARTITION: partitionKey.default("2026-04-17"),
    WEEK06_REPORT_DIR: z.string().min(1).default("reports/week06"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").default("partition-desk-demo"),
    CONSUMER_API_TOKEN: z.string().min(16, "must be at least 16 characters").default("week06-consumer-demo-token"),
    WORKER_LEASE_MS: z.coerce.number().int().min(500, "must be at least 500 (ms)").max(600_000).default(15_000),
    WORKER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    WORKER_STEP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  })
  .superRefine((c, ctx) => {
    if (c.WEEK06_PARTITION_END_DATE < c.WEEK06_PARTITION_START_DATE) {
      ctx.addIssue({
        code: "custom",
        path: ["WEEK06_PARTITION_END_DATE"],
        message: `ends before WEEK06_PARTITION_START_DATE (${c.WEEK06_PARTITION_START_DATE})`,
      });
    }
    const d = c.WEEK06_DEFAULT_PARTITION;
    // Only a real date can be in or out of range; a malformed one already has its own message.
    if (partitionKeyProblem(d) === null && (d < c.WEEK06_PARTITION_START_DATE || d > c.WEEK06_PARTITION_END_DATE)) {
      ctx.addIssue({
        code: "custom",
        path: ["WEEK06_DEFAULT_PARTITION"],
        message: `${d} is outside ${c.WEEK06_PARTITION_START_DATE}..${c.WEEK06_PARTITION_END_DATE}`,
      });
    }
  });

export interface Config {
  databaseUrl: string;
  databaseFile: string;
  partitions: { start: PartitionKey; end: PartitionKey };
  defaultPartition: PartitionKey;
  reportDir: string;
  port: number;
  /** Signs session cookies; when unset, a random one is kept beside the database (lib/auth/secret.ts). */
  sessionSecret: string | undefined;
  demoPassword: string;
  consumerApiToken: string;
  worker: {
    /** A claimed run's lease; the worker renews it every third of it. */
    leaseMs: number;
    /** How often an idle worker looks for queued runs. */
    pollMs: number;
    /** A wait before each asset step, for demos and tests that watch a backfill progress. 0 in production. */
    stepDelayMs: number;
  };
}

export class ConfigError extends Error {}

/** Parses an environment; throws a ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  // An empty variable means "not set", so the documented default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0] ?? "config")}: ${i.message}`);
    throw new ConfigError(`Invalid Partition Desk configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  const databaseFile = path.resolve(cwd, c.DATABASE_URL.slice("file:".length));
  return {
    databaseUrl: `file:${databaseFile}`,
    databaseFile,
    partitions: { start: c.WEEK06_PARTITION_START_DATE as PartitionKey, end: c.WEEK06_PARTITION_END_DATE as PartitionKey },
    defaultPartition: c.WEEK06_DEFAULT_PARTITION as PartitionKey,
    reportDir: path.resolve(cwd, c.WEEK06_REPORT_DIR),
    port: c.PORT,
    sessionSecret: c.SESSION_SECRET,
    demoPassword: c.DEMO_PASSWORD,
    consumerApiToken: c.CONSUMER_API_TOKEN,
    worker: { leaseMs: c.WORKER_LEASE_MS, pollMs: c.WORKER_POLL_MS, stepDelayMs: c.WORKER_STEP_DELAY_MS },
  };
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function config(): Config {
  // Next.js loads .env itself; CLI scripts get the same file here. Variables already set win.
  if (!cached && fs.existsSync(".env")) process.loadEnvFile(".env");
  cached ??= parseConfig(process.env);
  return cached;
}
