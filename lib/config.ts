// Configuration from the environment, validated once at start. A bad value stops the process with a
// message naming the variable (see .env.example for every variable and its default).
import fs from "node:fs";
import util from "node:util";
import path from "node:path";
import { z } from "zod";
import { DOWNSTREAM_CONSUMERS, type Consumer } from "@/lib/domain/assets";
import { partitionKeyProblem, type PartitionKey } from "@/lib/domain/partition";
import { COURSE_LOCALE, LOCALES, type Locale } from "@/lib/i18n/locales";
import { isOneOf } from "@/lib/domain/one-of";

const partitionKey = z.string().superRefine((value, ctx) => {
  const problem = partitionKeyProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Values printed in this repository (README, .env.example, scripts): never accepted outside demo mode. */
export const PUBLISHED_DEFAULTS = [
  "partition-desk-demo",
  "week06-consumer-demo-token",
  "week07-consumer-demo-token",
  "week08-consumer-demo-token",
  "bench-session-secret-0123456789abcdef",
  "change-me",
  "changeme",
] as const;

/** Each downstream consumer's bearer token: `WEEK07_CONSUMER_TOKEN`, `WEEK08_CONSUMER_TOKEN` (the token says who asks). */
export function consumerTokenVariable(consumer: Consumer): `${Uppercase<Consumer>}_CONSUMER_TOKEN` {
  return `${consumer.toUpperCase() as Uppercase<Consumer>}_CONSUMER_TOKEN`;
}

/** The demo's consumer tokens, printed in the README: accepted in demo mode only. */
const DEMO_CONSUMER_TOKEN: Record<Consumer, string> = {
  week07: "week07-consumer-demo-token",
  week08: "week08-consumer-demo-token",
};

/** The fewest bits of surprise a secret may carry (see `estimatedBits`). */
export const MIN_SECRET_BITS = 96;

/**
 * How much guessing a secret takes, estimated from how often each of its characters occurs (Shannon entropy times
 * its length): 32 spaces or `a`×32 carry 0 bits, `ab`×16 32, a random 32-digit hex string about 110, the output of
 * `openssl rand -base64 48` about 340. A rough floor, not a proof of randomness: it refuses the obviously guessable.
 */
export function estimatedBits(value: string): number {
  const chars = [...value];
  const counts = new Map<string, number>();
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / chars.length) * Math.log2(n / chars.length);
  return perChar * chars.length;
}

const secret = z.string().min(32, "must be at least 32 characters").optional();

const flag = z
  .string()
  .transform((v) => ["1", "true", "yes", "on"].includes(v.toLowerCase()))
  .default(false);

const configSchema = z
  .object({
    PARTITION_DESK_DEMO: flag,
    TRUST_PROXY: flag,
    DATABASE_URL: z
      .string()
      .regex(
        /^(file:.+|postgres(ql)?:\/\/.+)$/,
        'must be a SQLite file URL such as "file:./data/partition-desk.db" or a PostgreSQL URL such as "postgresql://user@host:5432/db"',
      )
      .default("file:./data/partition-desk.db"),
    WEEK06_PARTITION_START_DATE: partitionKey.default("2026-03-01"),
    WEEK06_PARTITION_END_DATE: partitionKey.default("2026-04-30"),
    WEEK06_DEFAULT_PARTITION: partitionKey.default("2026-04-17"),
    WEEK06_REPORT_DIR: z.string().min(1).default("reports/week06"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SESSION_SECRET: secret,
    EVIDENCE_SECRET: secret,
    DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
    WEEK07_CONSUMER_TOKEN: secret,
    WEEK08_CONSUMER_TOKEN: secret,
    // Replaced by one token per consumer: named so that a deployment still setting it learns what to do instead.
    CONSUMER_API_TOKEN: z.string().optional(),
    WORKER_LEASE_MS: z.coerce.number().int().min(500, "must be at least 500 (ms)").max(600_000).default(15_000),
    WORKER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    WORKER_STEP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    PARTITION_DESK_LOCALE: z.enum(LOCALES, { message: `must be one of ${LOCALES.join(", ")}` }).default(COURSE_LOCALE),
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

type Parsed = z.output<typeof configSchema>;

type Problem = { variable: string; message: string };

/**
 * Outside demo mode the two secrets are given; every secret and consumer token given is long enough, not guessable,
 * not one printed in this repository, and unlike every other (a consumer holding a token equal to SESSION_SECRET
 * could sign anyone's session).
 */
function secretProblems(c: Parsed): Problem[] {
  const problems: Problem[] = [];
  if (c.CONSUMER_API_TOKEN !== undefined)
    problems.push({
      variable: "CONSUMER_API_TOKEN",
      message: `is no longer used: each consumer has its own token, so the API knows who asks — set ${DOWNSTREAM_CONSUMERS.map(consumerTokenVariable).join(" and ")} instead`,
    });
  if (c.PARTITION_DESK_DEMO) return problems;
  const given: [string, string][] = [];
  for (const name of [
    "SESSION_SECRET",
    "EVIDENCE_SECRET",
    ...DOWNSTREAM_CONSUMERS.map(consumerTokenVariable),
  ] as const) {
    const value = c[name];
    const required = name === "SESSION_SECRET" || name === "EVIDENCE_SECRET";
    if (value === undefined) {
      if (required)
        problems.push({
          variable: name,
          message: "is required outside demo mode (set PARTITION_DESK_DEMO=1 for the demo)",
        });
      continue;
    }
    const same = given.find(([, other]) => other === value);
    const bits = estimatedBits(value);
    if (isOneOf(PUBLISHED_DEFAULTS, value))
      problems.push({ variable: name, message: "is a published default; choose your own secret" });
    else if (same) problems.push({ variable: name, message: `must differ from ${same[0]}` });
    else if (bits < MIN_SECRET_BITS)
      problems.push({
        variable: name,
        message: `is guessable (about ${Math.floor(bits)} bits; at least ${MIN_SECRET_BITS} needed: too few different characters); use a random value, e.g. \`openssl rand -base64 48\``,
      });
    given.push([name, value]);
  }
  if (c.DEMO_PASSWORD !== undefined)
    problems.push({
      variable: "DEMO_PASSWORD",
      message: "only applies in demo mode; outside it, accounts are managed with `npm run -s cli -- user add`",
    });
  return problems;
}

/** Where the store lives: the embedded SQLite file (the default), or a PostgreSQL database shared by many processes. */
export type StoreLocation = { provider: "sqlite"; file: string } | { provider: "postgresql"; url: string };

export interface Config {
  databaseUrl: string;
  store: StoreLocation;
  /** The SQLite file; on PostgreSQL, where a local file would be (its folder keeps demo keys, lib/auth/secret.ts). */
  databaseFile: string;
  partitions: { start: PartitionKey; end: PartitionKey };
  defaultPartition: PartitionKey;
  reportDir: string;
  port: number;
  /** Demo mode (PARTITION_DESK_DEMO): demo accounts and published defaults are accepted; never in production. */
  demo: boolean;
  /** Behind a reverse proxy that sets X-Forwarded-For: the client address it reports is trusted for throttling. */
  trustProxy: boolean;
  /** Signs session cookies; in demo mode, when unset, a random one is kept beside the database (lib/auth/secret.ts). */
  sessionSecret: string | undefined;
  /** Keys the evidence integrity MAC; like the session secret in demo mode. */
  evidenceSecret: string | undefined;
  /** The demo accounts' password (demo mode only). */
  demoPassword: string;
  /** Each consumer's bearer token, when it has one: the consumption API tells consumers apart by it. */
  consumerTokens: { consumer: Consumer; token: string }[];
  /** The language of a reader who chose none and whose browser asks for neither of ours (PARTITION_DESK_LOCALE). */
  defaultLocale: Locale;
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
export function parseConfig(
  env: Record<string, string | undefined>,
  cwd = process.cwd(),
  { requireSecrets = true } = {},
): Config {
  // An empty variable means "not set", so the documented default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? "config"), message: i.message }));
  if (parsed.success && requireSecrets) problems.push(...secretProblems(parsed.data));
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(
      `Invalid Partition Desk configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`,
    );
  }
  const c = parsed.data;
  const postgres = !c.DATABASE_URL.startsWith("file:");
  const databaseFile = path.resolve(cwd, postgres ? "data/partition-desk.db" : c.DATABASE_URL.slice("file:".length));
  return {
    databaseUrl: postgres ? c.DATABASE_URL : `file:${databaseFile}`,
    store: postgres ? { provider: "postgresql", url: c.DATABASE_URL } : { provider: "sqlite", file: databaseFile },
    databaseFile,
    partitions: {
      start: c.WEEK06_PARTITION_START_DATE as PartitionKey,
      end: c.WEEK06_PARTITION_END_DATE as PartitionKey,
    },
    defaultPartition: c.WEEK06_DEFAULT_PARTITION as PartitionKey,
    reportDir: path.resolve(cwd, c.WEEK06_REPORT_DIR),
    port: c.PORT,
    demo: c.PARTITION_DESK_DEMO,
    trustProxy: c.TRUST_PROXY,
    sessionSecret: c.SESSION_SECRET,
    evidenceSecret: c.EVIDENCE_SECRET,
    demoPassword: c.DEMO_PASSWORD ?? "partition-desk-demo",
    consumerTokens: DOWNSTREAM_CONSUMERS.flatMap((consumer) => {
      const token =
        c[consumerTokenVariable(consumer)] ?? (c.PARTITION_DESK_DEMO ? DEMO_CONSUMER_TOKEN[consumer] : undefined);
      return token === undefined ? [] : [{ consumer, token }];
    }),
    defaultLocale: c.PARTITION_DESK_LOCALE,
    worker: { leaseMs: c.WORKER_LEASE_MS, pollMs: c.WORKER_POLL_MS, stepDelayMs: c.WORKER_STEP_DELAY_MS },
  };
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
/**
 * .env.local then .env, for the server, the worker and the CLI alike (Next.js reads the same two; the lesson's first
 * troubleshooting step is "check .env.local"). Variables already set win, then .env.local over .env.
 */
export function loadEnvFiles(dir: string, env: Record<string, string | undefined>): void {
  for (const name of [".env.local", ".env"]) {
    const file = path.join(dir, name);
    if (!fs.existsSync(/*turbopackIgnore: true*/ file)) continue;
    for (const [key, value] of Object.entries(util.parseEnv(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8"))))
      if (env[key] === undefined) env[key] = value;
  }
}

export function config(): Config {
  if (!cached) loadEnvFiles(process.cwd(), process.env);
  // `next build` loads every module but serves nothing: a build machine needs no secrets (the server checks them).
  cached ??= parseConfig(process.env, process.cwd(), {
    requireSecrets: process.env.NEXT_PHASE !== "phase-production-build",
  });
  return cached;
}
