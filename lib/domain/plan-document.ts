// The plan document's shape, owned by the domain that makes it. contracts/backfill_plan.ts describes the same
// shape as a zod schema (the source of its JSON Schema) and fails to compile when the two differ.
import type { GapReason, PartitionStatus } from "@/lib/domain/status";
import type { RecoveryAction } from "@/lib/domain/recovery";

export const PLAN_KINDS = ["partition", "window"] as const;
/** A stored plan: planned; executed (a backfill); drifted (the store changed since, so executing it was refused). */
export const PLAN_STATUSES = ["planned", "executed", "drifted"] as const;
export const PLAN_MODES = ["dry-run", "execute"] as const;
export const REPROCESS_MODES = ["missing", "failed_and_missing", "all"] as const;
export const RUN_ORDERS = ["newest_first", "oldest_first"] as const;
export const RUN_PRIORITIES = ["high", "normal", "low"] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export type PlanMode = (typeof PLAN_MODES)[number];
export type ReprocessMode = (typeof REPROCESS_MODES)[number];
export type RunOrder = (typeof RUN_ORDERS)[number];
export type RunPriority = (typeof RUN_PRIORITIES)[number];

/** One partition of a plan's window: included with why, or skipped with why. */
export interface PlannedPartition {
  partition_key: string;
  status: PartitionStatus;
  gap_reason: GapReason | null;
  included: boolean;
  reason: string;
  expected_input_count: number;
  current_output_count: number;
  /** The valid manifests that cover this partition (sorted). */
  upstream_manifest_ids: string[];
  target_assets: string[];
  released_assets: string[];
}

/** The plan's version: 3 since a window's upstream_manifest_id and gap_reason describe the whole window. */
export const PLAN_VERSION = 3;

/** A window's gap_reason: how many of its partitions have each gap reason ("none": no gap). */
export type GapReasonCounts = Partial<Record<GapReason | "none", number>>;

interface PlanFields {
  plan_version: typeof PLAN_VERSION;
  plan_id: string;
  plan_hash: string;
  mode: PlanMode;
  recovery_action: RecoveryAction;
  partition_key: string;
  window_start: string;
  window_end: string;
  reprocess_mode: ReprocessMode | null;
  run_order: RunOrder;
  priority: RunPriority;
  selection: string[] | null;
  reexecutes_backfill_id: number | null;
  upstream_manifests: { manifest_id: string; sha256: string }[];
  expected_input_count: number;
  current_output_count: number;
  proposed_action: string;
  summary: string;
  why: string;
  idempotency_guard: "ticket_id + partition_key";
  downstream_impact: string;
  empty_input_attestation: { attested_by: string; reason: string } | null;
  approval_required: string | null;
  operator: string;
  target_assets: string[];
  report_path: string;
  needs: {
    retry_of_run_id: number | null;
    replay_manifest_id: string | null;
    restore_snapshot_id: number | null;
  };
  partitions: PlannedPartition[];
  guidance: string[];
  created_at: string;
}

/** The plan of one partition: its manifest and gap reason are that partition's. */
export interface PartitionPlan extends PlanFields {
  kind: "partition";
  upstream_manifest_id: string | null;
  gap_reason: GapReason | null;
}

/** The plan of a window: every manifest it reads, and its partitions' gap reasons counted. */
export interface WindowPlan extends PlanFields {
  kind: "window";
  upstream_manifest_id: string[];
  gap_reason: GapReasonCounts;
}

/** The dry-run recovery plan: field meanings are in the contract's descriptions. */
export type BackfillPlan = PartitionPlan | WindowPlan;

/** A plan without the fields its seal adds (each kind kept apart, so a window stays a window). */
export type UnsealedPlan = Omit<PartitionPlan, "plan_id" | "plan_hash"> | Omit<WindowPlan, "plan_id" | "plan_hash">;
