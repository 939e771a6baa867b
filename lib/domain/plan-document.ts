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
  target_assets: string[];
  released_assets: string[];
}

/** The dry-run recovery plan (plan_version 2): field meanings are in the contract's descriptions. */
export interface BackfillPlan {
  plan_version: 2;
  plan_id: string;
  plan_hash: string;
  kind: PlanKind;
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
  upstream_manifest_id: string | null;
  upstream_manifests: { manifest_id: string; sha256: string }[];
  expected_input_count: number;
  current_output_count: number;
  gap_reason: GapReason | null;
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
