// The recovery policy: one versioned document that says what may be recovered how, what must never be
// deleted, which checks must pass after each action, and who may do what. Validated at start; the actions,
// the review gate and the role checks enforce it.
import { z } from "zod";
import { RECOVERY_ACTIONS } from "@/lib/domain/recovery";
import { PERMISSIONS, ROLES } from "@/lib/domain/roles";
import type { Locale } from "@/lib/i18n/locales";

const actionFlags = z
  .object(
    Object.fromEntries(RECOVERY_ACTIONS.map((a) => [a, z.boolean()])) as Record<
      (typeof RECOVERY_ACTIONS)[number],
      z.ZodBoolean
    >,
  )
  .strict();

export { PERMISSIONS };

export const NOTIFICATION_EVENTS = [
  "run.failed",
  "run.quarantined",
  "evidence.waiting",
  "partition.released",
  "plan.drifted",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

const webhookSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "lower-case letters, digits, - and _ (at most 40)"),
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }),
    events: z.array(z.enum(NOTIFICATION_EVENTS)).min(1),
    secret_env: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "the name of an environment variable holding the signing secret"),
  })
  .strict();

/** Words the policy's author writes for people: the same in each language the product speaks (lib/i18n/locales.ts). */
const inEveryLanguage = z
  .object({ "zh-CN": z.string().min(1), en: z.string().min(1) })
  .strict()
  .describe("the same words in each language: zh-CN and en") satisfies z.ZodType<Record<Locale, string>>;

export const recoveryPolicySchema = z
  .object({
    policy_version: z.number().int().positive(),
    default_partition: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD"),
    dry_run_report_path: z.string().min(1),
    max_retry_attempts: z
      .number()
      .int()
      .min(1)
      .max(10)
      .describe("attempts of a step inside one run, and runs of one partition through the retry action"),
    retry_backoff_ms: z
      .number()
      .int()
      .min(0)
      .max(60_000)
      .default(200)
      .describe("wait before a step's second attempt; doubles for each further one"),
    retry_interrupted_runs: z
      .boolean()
      .default(true)
      .describe("a run whose worker lost its lease is queued again as a retry while attempts are left"),
    assets: z.record(z.string(), actionFlags),
    never_delete: z.array(z.object({ object: inEveryLanguage, why: inEveryLanguage }).strict()).min(1),
    required_checks: z
      .object(
        Object.fromEntries(RECOVERY_ACTIONS.map((a) => [a, z.array(z.string()).min(1)])) as Record<
          (typeof RECOVERY_ACTIONS)[number],
          z.ZodArray<z.ZodString>
        >,
      )
      .strict(),
    blast_radius: z
      .object({
        max_partitions_per_plan: z.number().int().min(1).max(10_000).describe("no plan may include more partitions"),
        released_rewrite_needs_second_approval: z
          .boolean()
          .describe("a plan that rewrites released partitions executes only after another person approved it"),
      })
      .strict(),
    notifications: z
      .object({
        evidence_waiting_hours: z
          .number()
          .min(0.0001)
          .max(720)
          .describe("evidence.waiting fires once for evidence awaiting review longer than this"),
        delivery_attempts: z
          .number()
          .int()
          .min(1)
          .max(20)
          .describe("a delivery is tried this many times before it is marked failed (an operator can resend it)"),
        retry_backoff_ms: z
          .number()
          .int()
          .min(10)
          .max(3_600_000)
          .describe("wait before the second attempt; doubles for each further one, at most an hour"),
        webhooks: z.array(webhookSchema).max(20),
      })
      .strict(),
    roles: z
      .object(
        Object.fromEntries(PERMISSIONS.map((p) => [p, z.array(z.enum(ROLES)).min(1)])) as Record<
          (typeof PERMISSIONS)[number],
          z.ZodArray<z.ZodEnum<{ [R in (typeof ROLES)[number]]: R }>>
        >,
      )
      .strict(),
  })
  .strict();

export type RecoveryPolicy = z.infer<typeof recoveryPolicySchema>;
