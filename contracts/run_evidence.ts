// The run evidence document: the immutable record of one run, written under WEEK06_REPORT_DIR/evidence/.
// contracts/run_evidence/week06_run_evidence.schema.json is generated from this schema (npm run contracts).
import { z } from "zod";

const isoTime = z.string().describe("ISO-8601 UTC time");

export const checkEvidenceSchema = z.object({
  asset: z.string(),
  name: z.string(),
  severity: z.enum(["blocking", "warning"]),
  passed: z.boolean(),
  observed: z.string(),
  expected: z.string(),
  message: z.string(),
});

/** The counts of a write's diff against the rows it replaced (the rows themselves are on the evidence page). */
export const diffEvidenceSchema = z.object({
  asset: z.string(),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  fields_changed: z
    .record(z.string(), z.number().int().positive())
    .describe("how many changed rows changed each field"),
});

export const runEvidenceSchema = z.object({
  evidence_version: z
    .union([z.literal(1), z.literal(2)])
    .describe("2 adds empty_input_attestation and diffs; version 1 documents stay valid"),
  run_id: z.number().int().positive(),
  action: z.enum(["scheduled", "retry", "rerun", "replay", "backfill", "restore", "drill"]),
  mode: z.literal("execute"),
  status: z.enum(["succeeded", "failed", "interrupted", "cancelled"]),
  attempt: z.number().int().positive(),
  retry_of_run_id: z.number().int().positive().nullable(),
  partition_key: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  window_start: z.string(),
  window_end: z.string(),
  plan_id: z.string().nullable(),
  plan_hash: z.string().nullable(),
  idempotency_guard: z.literal("ticket_id + partition_key"),
  manifests: z.array(
    z.object({
      manifest_id: z.string(),
      sha256: z.string().describe("sha256 of the manifest document"),
      files: z.array(
        z.object({ path: z.string(), sha256: z.string().nullable(), record_count: z.number().int().nullable() }),
      ),
    }),
  ),
  expected_input_count: z.number().int().nonnegative(),
  backfill_id: z.number().int().positive().nullable().describe("the backfill (executed plan) the run belongs to"),
  worker_id: z.string().nullable().describe("the per-boot id of the worker that executed the run"),
  assets: z.array(
    z.object({
      asset: z.string(),
      attempt: z
        .number()
        .int()
        .positive()
        .describe("the step's attempt inside the run: transient faults are retried from the failed step"),
      status: z
        .enum(["succeeded", "failed", "running", "interrupted", "reverted"])
        .describe("reverted: the run was cancelled after this step and the step's write was undone"),
      rows_before: z.number().int().nonnegative().nullable(),
      rows_after: z.number().int().nonnegative().nullable(),
      error: z.string().nullable(),
    }),
  ),
  checks: z.array(checkEvidenceSchema),
  empty_input_attestation: z
    .string()
    .nullable()
    .optional()
    .describe(
      "the plan's attestation that the day truly has no data (who, why); input_present passes on 0 input only with it",
    ),
  diffs: z
    .array(diffEvidenceSchema)
    .optional()
    .describe("one per write that replaced rows: the write against the snapshot of the rows it replaced"),
  error: z.string().nullable(),
  operator: z.string(),
  started_at: isoTime,
  finished_at: isoTime,
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe("sha256 of this document serialised without the sha256 field"),
});

export type RunEvidence = z.infer<typeof runEvidenceSchema>;
