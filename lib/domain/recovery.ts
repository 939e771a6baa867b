// The five recovery actions and their preconditions. Pure: the caller gathers the facts of a partition, these
// decide whether an action is allowed and what it needs — the same code for the planner, UI, CLI and server.
import { PARTITIONED_ASSETS, REPORT_ASSET, SILVER_ASSET, assetLabel } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { worstStatus, type GapReason, type PartitionStatus } from "@/lib/domain/status";

import { RECOVERY_ACTIONS, type RecoveryAction } from "@/lib/domain/recovery-actions";
import { printable } from "@/lib/domain/text";

export { RECOVERY_ACTIONS, type RecoveryAction };

/** The part of the recovery policy the actions enforce (contracts/recovery_policy.ts). */
export interface ActionPolicy {
  assets: Record<string, Record<RecoveryAction, boolean>>;
  max_retry_attempts: number;
  blast_radius: { max_partitions_per_plan: number; released_rewrite_needs_second_approval: boolean };
}

export const ACTION_GUIDE: Record<RecoveryAction, { when: string; boundary: string }> = {
  retry: {
    when: "a run of this partition failed with a transient error and has attempts left",
    boundary: "same run definition, same partition, same input; a new attempt linked to the failed one",
  },
  rerun: {
    when: "any built partition, asked for explicitly",
    boundary: "same job definition; idempotent; the checks run again and cannot be skipped",
  },
  replay: {
    when: "a valid manifest (sha256 verified) whose window covers the partition and is not yet reflected in it",
    boundary: "re-ingest exactly that manifest's input for that partition; the manifest id is recorded as evidence",
  },
  backfill: {
    when: "a historical hole: the partition was never built",
    boundary: "only the planned partitions of an explicit window, per its reprocess mode",
  },
  restore: {
    when: "the current state is untrusted (a blocking check failed) and a snapshot from before the bad write exists",
    boundary: "the partition returns to the snapshot's rows atomically; nothing else changes",
  },
};

export interface AssetFacts {
  asset: string;
  status: PartitionStatus;
  gap_reason: GapReason | null;
  current_output_count: number;
  /** Manifests the asset's latest successful build reflects. */
  reflectedManifestIds: string[];
}

export interface FailedRunFact {
  runId: number;
  errorKind: string | null;
  error: string | null;
  attempt: number;
  targetAssets: string[];
}

export interface SnapshotFact {
  snapshotId: number;
  asset: string;
  rowCount: number;
  takenBeforeRunId: number;
  /** The snapshotted rows had passed their blocking checks. */
  trusted: boolean;
}

export interface ManifestFact {
  manifestId: string;
  sha256: string;
}

/** Everything the planner and the action checks need to know about one partition. */
export interface PartitionFacts {
  partitionKey: PartitionKey;
  assets: AssetFacts[];
  expectedInputCount: number;
  coveringManifests: ManifestFact[];
  /** The latest run of the partition, when its status is failed or interrupted. */
  lastFailedRun: FailedRunFact | null;
  /** Newest first, per asset: snapshots taken before a write replaced the rows. */
  snapshots: SnapshotFact[];
}

export function partitionStatusOf(facts: PartitionFacts): PartitionStatus {
  return worstStatus(facts.assets.map((a) => a.status));
}

export interface ActionOptions {
  manifestId?: string;
  snapshotId?: number;
}

export type Precondition =
  | {
      ok: true;
      action: RecoveryAction;
      targetAssets: string[];
      retryOfRunId: number | null;
      replayManifestId: string | null;
      restoreSnapshotId: number | null;
      why: string;
    }
  | { ok: false; action: RecoveryAction; message: string };

function refuse(action: RecoveryAction, message: string): Precondition {
  return { ok: false, action, message };
}

function silver(facts: PartitionFacts): AssetFacts | undefined {
  return facts.assets.find((a) => a.asset === SILVER_ASSET);
}

/** Whether `action` may run on the partition now — by its precondition and by the policy — and what it touches. */
export function checkPrecondition(action: RecoveryAction, facts: PartitionFacts, policy: ActionPolicy, options: ActionOptions = {}): Precondition {
  const pre = precondition(action, facts, policy, options);
  if (!pre.ok) return pre;
  for (const asset of pre.targetAssets) {
    if (policy.assets[asset]?.[action] !== true) {
      return refuse(action, `${action} of ${assetLabel(asset).toLowerCase()} is not allowed by policy rule assets["${asset}"].${action}`);
    }
  }
  return pre;
}

function precondition(action: RecoveryAction, facts: PartitionFacts, policy: ActionPolicy, options: ActionOptions): Precondition {
  const maxAttempts = policy.max_retry_attempts;
  const key = facts.partitionKey;
  if (facts.assets.some((a) => a.status === "running")) return refuse(action, `${action}: a run of ${key} is in progress`);
  const base = { ok: true as const, action, retryOfRunId: null, replayManifestId: null, restoreSnapshotId: null };
  switch (action) {
    case "retry": {
      const run = facts.lastFailedRun;
      if (!run) return refuse(action, `retry: no run of ${key} failed`);
      if (run.errorKind !== "transient") return refuse(action, `retry: run ${run.runId} did not fail with a transient error (${run.error ?? "no error recorded"}); fix the cause, then rerun`);
      if (run.attempt >= maxAttempts) return refuse(action, `retry: run ${run.runId} was attempt ${run.attempt} of ${maxAttempts}; no attempts left`);
      return { ...base, targetAssets: run.targetAssets, retryOfRunId: run.runId, why: `run ${run.runId} failed with a transient error (${run.error}); attempt ${run.attempt + 1} of ${maxAttempts} repeats it with the same input` };
    }
    case "rerun": {
      if (facts.assets.every((a) => a.status === "missing")) return refuse(action, `rerun: ${key} was never built; backfill it instead`);
      return { ...base, targetAssets: [...PARTITIONED_ASSETS], why: `asked for explicitly: rebuild ${key} with the same job definition; the checks run again` };
    }
    case "replay": {
      const reflected = new Set(facts.assets.flatMap((a) => a.reflectedManifestIds));
      const candidates = facts.coveringManifests.filter((m) => options.manifestId === undefined || m.manifestId === options.manifestId);
      if (options.manifestId !== undefined && candidates.length === 0) {
        return refuse(action, `replay needs a valid manifest covering ${key}: ${printable(options.manifestId)} is not one`);
      }
      const manifest = options.manifestId !== undefined ? candidates[0] : candidates.filter((m) => !reflected.has(m.manifestId)).at(-1);
      if (!manifest) return refuse(action, `replay needs a manifest covering ${key} that the partition does not reflect yet`);
      if (facts.assets.every((a) => a.status === "missing")) return refuse(action, `replay: ${key} was never built; backfill it instead`);
      return { ...base, targetAssets: [...PARTITIONED_ASSETS], replayManifestId: manifest.manifestId, why: `manifest ${manifest.manifestId} covers ${key} but arrived after it was built` };
    }
    case "backfill": {
      const missing = facts.assets.filter((a) => a.status === "missing");
      if (missing.length === 0) return refuse(action, `backfill: ${key} is already built; use rerun to rebuild it`);
      const targetAssets = smallestRebuild(facts);
      const kept = PARTITIONED_ASSETS.filter((a) => !targetAssets.includes(a));
      return {
        ...base,
        targetAssets,
        why: kept.length
          ? `only ${targetAssets.map((a) => assetLabel(a).toLowerCase()).join(" and ")} of ${key} ${targetAssets.length === 1 ? "is" : "are"} missing: rebuild ${targetAssets.length === 1 ? "it" : "them"} alone; ${kept.map((a) => assetLabel(a).toLowerCase()).join(" and ")} stay as they are (${describeKept(facts, kept)})`
          : `${key} was never built (${missing.map((a) => assetLabel(a.asset).toLowerCase()).join(", ")} missing)`,
      };
    }
    case "restore": {
      const quarantined = facts.assets.filter((a) => a.status === "quarantined" && a.asset !== REPORT_ASSET);
      const wanted =
        options.snapshotId !== undefined
          ? facts.snapshots.filter((s) => s.snapshotId === options.snapshotId)
          : facts.snapshots.filter((s) => s.trusted && quarantined.some((q) => q.asset === s.asset));
      if (options.snapshotId !== undefined && wanted.length === 0) return refuse(action, `restore needs a snapshot of ${key}: snapshot ${options.snapshotId} is not one`);
      if (options.snapshotId === undefined && quarantined.length === 0) return refuse(action, `restore: ${key} is not quarantined; its current state is trusted`);
      const snapshot = wanted[0];
      if (!snapshot) return refuse(action, `restore needs a trusted snapshot of ${key} taken before an earlier write; there is none`);
      if (!snapshot.trusted) return refuse(action, `restore: snapshot ${snapshot.snapshotId} holds rows that had failed their checks`);
      return { ...base, targetAssets: [snapshot.asset], restoreSnapshotId: snapshot.snapshotId, why: `${assetLabel(snapshot.asset)} is untrusted (a blocking check failed); snapshot ${snapshot.snapshotId} holds its ${snapshot.rowCount} rows from before run ${snapshot.takenBeforeRunId}` };
    }
  }
}

/**
 * The smallest rebuild that fits a partition with missing assets: from the first missing asset on, in build order
 * (downstream of it is built from it). A partition whose report alone is missing gets its report rebuilt, and its
 * raw and silver — released or not — are not touched.
 */
export function smallestRebuild(facts: PartitionFacts): string[] {
  const first = PARTITIONED_ASSETS.findIndex((a) => facts.assets.some((f) => f.asset === a && f.status === "missing"));
  return [...PARTITIONED_ASSETS.slice(first < 0 ? 0 : first)];
}

function describeKept(facts: PartitionFacts, kept: string[]): string {
  const statuses = [...new Set(kept.map((k) => facts.assets.find((a) => a.asset === k)?.status ?? "missing"))];
  return statuses.length === 1 && statuses[0] === "released" ? "released, still consumable downstream" : statuses.join(", ");
}

/** The action that fits the partition's state, or null when it needs none (rerun is never chosen for you). */
export function fittingAction(facts: PartitionFacts, policy: ActionPolicy): RecoveryAction | null {
  const maxAttempts = policy.max_retry_attempts;
  const status = partitionStatusOf(facts);
  switch (status) {
    case "failed":
      return facts.lastFailedRun?.errorKind === "transient" && facts.lastFailedRun.attempt < maxAttempts ? "retry" : "rerun";
    case "missing":
      return "backfill";
    case "stale":
      return "replay";
    case "quarantined":
      return facts.snapshots.some((s) => s.trusted && facts.assets.some((a) => a.asset === s.asset && a.status === "quarantined")) ? "restore" : "rerun";
    default:
      return null;
  }
}

export function silverCount(facts: PartitionFacts): number {
  return silver(facts)?.current_output_count ?? 0;
}
