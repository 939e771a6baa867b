// The dry-run recovery plan: what an operator reviews before any recovery write. Written as JSON under
// WEEK06_REPORT_DIR/backfill/ and stored; contracts/backfill_plan/week06_backfill_plan.schema.json is
// generated from this schema (npm run contracts).
import { z } from "zod";
import { optionalText, storeId } from "@/contracts/fields";
import { countGapReasons } from "@/lib/domain/plan";
import {
  PLAN_KINDS,
  PLAN_MODES,
  PLAN_VERSION,
  REPROCESS_MODES,
  RUN_ORDERS,
  RUN_PRIORITIES,
  type BackfillPlan,
  type PlanKind,
  type PlannedPartition,
} from "@/lib/domain/plan-document";
import { PROPOSED_ACTIONS } from "@/lib/domain/proposed-actions";
import { RECOVERY_ACTIONS } from "@/lib/domain/recovery";
import { GAP_REASONS, STATUSES } from "@/lib/domain/status";
import type { Same } from "@/lib/same-type";

const partitionKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const plannedPartitionSchema = z.object({
  partition_key: partitionKey,
  status: z.enum(STATUSES),
  gap_reason: z.enum(GAP_REASONS).nullable(),
  included: z.boolean(),
  reason: z.string().describe("why the partition is included, or why it is skipped"),
  expected_input_count: z.number().int().nonnegative(),
  current_output_count: z.number().int().nonnegative(),
  upstream_manifest_ids: z.array(z.string()).describe("the valid manifests that cover this partition"),
  target_assets: z
    .array(z.string())
    .describe("what the run of this partition rebuilds (the smallest rebuild that fits); empty when skipped"),
  released_assets: z
    .array(z.string())
    .describe(
      "target assets that are released now: executing withdraws them from consumers until a reviewer approves again",
    ),
});

/**
 * One plan kind's schema. The fields are the same for both kinds, in the same order; a window's
 * upstream_manifest_id and gap_reason describe the whole window (plan version 3), so they differ in type.
 */
function planSchema<K extends PlanKind, M extends z.ZodType, G extends z.ZodType>(
  kind: K,
  upstreamManifestId: M,
  gapReason: G,
) {
  return z.object({
    plan_version: z.literal(PLAN_VERSION),
    plan_id: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .describe("first 16 hex characters of plan_hash"),
    plan_hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe("sha256 of the plan without plan_id, plan_hash, mode, proposed_action (mode + content) and created_at"),
    kind: z.literal(kind),
    mode: z.enum(PLAN_MODES),
    recovery_action: z.enum(RECOVERY_ACTIONS),
    partition_key: partitionKey.describe(
      "the partition; for a window its first partition (the window is window_start .. window_end, each partition in partitions)",
    ),
    window_start: z.string(),
    window_end: z.string(),
    reprocess_mode: z.enum(REPROCESS_MODES).nullable(),
    run_order: z.enum(RUN_ORDERS).describe("which partition's run the queue takes first"),
    priority: z
      .enum(RUN_PRIORITIES)
      .describe(
        "the queue takes high before normal before low: a single-partition retry or restore goes ahead of a long backfill's remaining partitions",
      ),
    selection: z
      .array(partitionKey)
      .nullable()
      .describe(
        "only these partitions of the window were considered (re-executing a backfill's failed or cancelled partitions)",
      ),
    reexecutes_backfill_id: z
      .number()
      .int()
      .positive()
      .nullable()
      .describe("the backfill whose failed or cancelled partitions this plan executes again"),
    upstream_manifest_id: upstreamManifestId,
    upstream_manifests: z.array(z.object({ manifest_id: z.string(), sha256: z.string() })),
    expected_input_count: z
      .number()
      .int()
      .nonnegative()
      .describe("distinct tickets after the guard; for a window, summed over its included partitions"),
    current_output_count: z
      .number()
      .int()
      .nonnegative()
      .describe("silver rows now; for a window, summed over its included partitions"),
    gap_reason: gapReason,
    proposed_action: z
      .enum(PROPOSED_ACTIONS)
      .describe(
        "a token (lib/domain/proposed-actions.ts): dry_run_ticket_ingest_for_partition is the lesson's backfill dry run",
      ),
    summary: z.string().describe("the proposed action in words"),
    why: z.string(),
    idempotency_guard: z.literal("ticket_id + partition_key"),
    downstream_impact: z
      .string()
      .describe(
        "begins with the lesson's \"hold Week07/Week08 consumption until checks pass\", then this product's stricter rule",
      ),
    empty_input_attestation: z
      .object({ attested_by: z.string(), reason: z.string() })
      .nullable()
      .describe(
        "the operator's statement, at plan time, that the day truly has no data: without it a build from 0 input is refused and input_present fails",
      ),
    approval_required: z
      .string()
      .nullable()
      .describe(
        "why another person must approve the plan before it executes (policy blast_radius); null when nobody must",
      ),
    operator: z.string(),
    target_assets: z.array(z.string()),
    report_path: z.string(),
    needs: z.object({
      retry_of_run_id: z.number().int().positive().nullable(),
      replay_manifest_id: z.string().nullable(),
      restore_snapshot_id: z.number().int().positive().nullable(),
    }),
    partitions: z.array(plannedPartitionSchema),
    guidance: z.array(z.string()),
    created_at: z.string(),
  });
}

const partitionPlanSchema = planSchema(
  "partition",
  z
    .string()
    .nullable()
    .describe("the manifest the plan reads (a replay: the one it replays); null when no valid manifest covers it"),
  z.enum(GAP_REASONS).nullable().describe("the gap reason of the partition's worst asset; null when it has no gap"),
);

const windowPlanSchema = planSchema(
  "window",
  z
    .array(z.string())
    .describe(
      "every manifest an included partition reads, sorted; which partitions each covers: partitions[].upstream_manifest_ids",
    ),
  z
    .partialRecord(z.enum([...GAP_REASONS, "none"]), z.number().int().positive())
    .describe(
      "how many of the window's partitions (included or skipped) have each gap reason; none: no gap. Per partition: partitions[].gap_reason",
    ),
);

export const backfillPlanSchema = z.discriminatedUnion("kind", [partitionPlanSchema, windowPlanSchema]);

// The schema describes exactly the domain's plan type: either drifting from the other fails to compile.
const planShapeMatches: Same<z.infer<typeof backfillPlanSchema>, BackfillPlan> &
  Same<z.infer<typeof plannedPartitionSchema>, PlannedPartition> = true;
void planShapeMatches;

/**
 * A plan stored by plan version 2 (before a window's upstream_manifest_id and gap_reason described the whole
 * window), read back as the current version: stored plans stay readable (their pages, their runs' evidence) and,
 * their hash no longer matching their content, are refused as drifted when executed. What version 2 did not record
 * (a window partition's own manifests) stays empty.
 */
const planV2Schema = partitionPlanSchema.extend({
  plan_version: z.literal(2),
  kind: z.enum(PLAN_KINDS),
  partitions: z.array(plannedPartitionSchema.omit({ upstream_manifest_ids: true })),
});

function fromV2(v2: z.infer<typeof planV2Schema>): BackfillPlan {
  const upstream = v2.upstream_manifests.map((m) => m.manifest_id);
  const partitions = v2.partitions.map((p) => ({
    ...p,
    upstream_manifest_ids: v2.kind === "partition" ? upstream : [],
  }));
  return v2.kind === "window"
    ? {
        ...v2,
        plan_version: PLAN_VERSION,
        kind: "window",
        upstream_manifest_id: upstream,
        gap_reason: countGapReasons(partitions),
        partitions,
      }
    : { ...v2, plan_version: PLAN_VERSION, kind: "partition", partitions };
}

/** A stored plan document, of this plan version or an earlier one. */
export const storedPlanSchema = z.union([backfillPlanSchema, planV2Schema.transform(fromV2)]);

/** A plan request as the UI form, the CLI and any direct POST send it. */
export const planRequestSchema = z.object({
  partition: optionalText(),
  from: optionalText(),
  to: optionalText(),
  reprocess: optionalText(),
  mode: optionalText(),
  action: optionalText(),
  manifest: optionalText(),
  snapshot: z.preprocess((v) => (v === "" || v === null ? undefined : v), storeId("contract.notSnapshotId").optional()),
  order: optionalText(),
  priority: optionalText(),
  /** Comma-separated partition keys: only these partitions of the window are considered. */
  only: z.preprocess(
    (v) => (Array.isArray(v) ? v.join(",") : v === "" || v === null ? undefined : v),
    z.string().max(40_000, "contract.tooManyPartitions").optional(),
  ),
  reexecutes: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    storeId("contract.notBackfillId").optional(),
  ),
  /** "This day truly has no data": why (one partition only). */
  attest_empty: optionalText(500),
});

export type PlanRequest = z.input<typeof planRequestSchema>;
