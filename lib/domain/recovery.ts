// The five recovery actions and their preconditions. Pure: the caller gathers the facts of a partition, these
// decide whether an action is allowed and what it needs — the same code for the planner, UI, CLI and server.
import { PARTITIONED_ASSETS, REPORT_ASSET, SILVER_ASSET, assetText, nameList } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { worstStatus, type GapReason, type PartitionStatus } from "@/lib/domain/status";
import { printable } from "@/lib/domain/text";
import { text, told, type MessageKey, type Text, type TextValue } from "@/lib/i18n/text";

export const RECOVERY_ACTIONS = ["retry", "rerun", "replay", "backfill", "restore"] as const;
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];

/** The part of the recovery policy the actions enforce (contracts/recovery_policy.ts). */
export interface ActionPolicy {
  assets: Record<string, Record<RecoveryAction, boolean>>;
  max_retry_attempts: number;
  blast_radius: { max_partitions_per_plan: number; released_rewrite_needs_second_approval: boolean };
}

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
  /** Why it failed, as a catalog message (or its recorded prose): plans and refusals quote it. */
  error: TextValue | null;
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
      /** The plan's `why` (English, as the plan document keeps it); `whyText` renders in the reader's language. */
      why: string;
      whyText: Text;
    }
  | { ok: false; action: RecoveryAction; message: string; text: Text };

function refuse(action: RecoveryAction, key: MessageKey, values: Record<string, TextValue> = {}): Precondition {
  return { ok: false, action, ...told(key, { action, ...values }) };
}

function silver(facts: PartitionFacts): AssetFacts | undefined {
  return facts.assets.find((a) => a.asset === SILVER_ASSET);
}

/** Whether `action` may run on the partition now — by its precondition and by the policy — and what it touches. */
export function checkPrecondition(
  action: RecoveryAction,
  facts: PartitionFacts,
  policy: ActionPolicy,
  options: ActionOptions = {},
): Precondition {
  const pre = precondition(action, facts, policy, options);
  if (!pre.ok) return pre;
  for (const asset of pre.targetAssets) {
    if (policy.assets[asset]?.[action] !== true) {
      return refuse(action, "recovery.notAllowedByPolicy", {
        asset: assetText(asset, { lower: true }),
        assetKey: asset,
      });
    }
  }
  return pre;
}

function precondition(
  action: RecoveryAction,
  facts: PartitionFacts,
  policy: ActionPolicy,
  options: ActionOptions,
): Precondition {
  const maxAttempts = policy.max_retry_attempts;
  const key = facts.partitionKey;
  if (facts.assets.some((a) => a.status === "running")) return refuse(action, "recovery.runInProgress", { key });
  const base = { ok: true as const, action, retryOfRunId: null, replayManifestId: null, restoreSnapshotId: null };
  switch (action) {
    case "retry": {
      const run = facts.lastFailedRun;
      if (!run) return refuse(action, "recovery.retryNoFailedRun", { key });
      if (run.errorKind !== "transient")
        return refuse(action, "recovery.retryNotTransient", {
          runId: run.runId,
          error: run.error ?? text("recovery.noErrorRecorded"),
        });
      if (run.attempt >= maxAttempts)
        return refuse(action, "recovery.retryNoAttemptsLeft", {
          runId: run.runId,
          attempt: run.attempt,
          max: maxAttempts,
        });
      return {
        ...base,
        targetAssets: run.targetAssets,
        retryOfRunId: run.runId,
        ...because("recovery.why.retry", {
          runId: run.runId,
          error: run.error ?? "",
          next: run.attempt + 1,
          max: maxAttempts,
        }),
      };
    }
    case "rerun": {
      if (facts.assets.every((a) => a.status === "missing")) return refuse(action, "recovery.neverBuilt", { key });
      return { ...base, targetAssets: [...PARTITIONED_ASSETS], ...because("recovery.why.rerun", { key }) };
    }
    case "replay": {
      const reflected = new Set(facts.assets.flatMap((a) => a.reflectedManifestIds));
      const candidates = facts.coveringManifests.filter(
        (m) => options.manifestId === undefined || m.manifestId === options.manifestId,
      );
      if (options.manifestId !== undefined && candidates.length === 0) {
        return refuse(action, "recovery.replayManifestNotOne", { key, manifestId: printable(options.manifestId) });
      }
      const manifest =
        options.manifestId !== undefined
          ? candidates[0]
          : candidates.filter((m) => !reflected.has(m.manifestId)).at(-1);
      if (!manifest) return refuse(action, "recovery.replayNoNewManifest", { key });
      if (facts.assets.every((a) => a.status === "missing")) return refuse(action, "recovery.neverBuilt", { key });
      return {
        ...base,
        targetAssets: [...PARTITIONED_ASSETS],
        replayManifestId: manifest.manifestId,
        ...because("recovery.why.replay", { manifestId: manifest.manifestId, key }),
      };
    }
    case "backfill": {
      const missing = facts.assets.filter((a) => a.status === "missing");
      if (missing.length === 0) return refuse(action, "recovery.backfillAlreadyBuilt", { key });
      const targetAssets = smallestRebuild(facts);
      const below = unreleasedUpstream(facts, targetAssets);
      if (below) return { ok: false, action, ...told(below) };
      const kept = PARTITIONED_ASSETS.filter((a) => !targetAssets.includes(a));
      return {
        ...base,
        targetAssets,
        ...(kept.length
          ? because("recovery.why.backfillPart", {
              key,
              count: targetAssets.length,
              targets: nameList(targetAssets.map((a) => assetText(a, { lower: true }))),
              kept: nameList(kept.map((a) => assetText(a, { lower: true }))),
              keptStatus: text("recovery.why.releasedKept"),
            })
          : because("recovery.why.backfillAll", {
              key,
              missing: nameList(
                missing.map((a) => assetText(a.asset, { lower: true })),
                { comma: true },
              ),
            })),
      };
    }
    case "restore": {
      const quarantined = facts.assets.filter((a) => a.status === "quarantined" && a.asset !== REPORT_ASSET);
      const wanted =
        options.snapshotId !== undefined
          ? facts.snapshots.filter((s) => s.snapshotId === options.snapshotId)
          : facts.snapshots.filter((s) => s.trusted && quarantined.some((q) => q.asset === s.asset));
      if (options.snapshotId !== undefined && wanted.length === 0)
        return refuse(action, "recovery.restoreSnapshotNotOne", { key, snapshotId: options.snapshotId });
      if (options.snapshotId === undefined && quarantined.length === 0)
        return refuse(action, "recovery.restoreNotQuarantined", { key });
      const snapshot = wanted[0];
      if (!snapshot) return refuse(action, "recovery.restoreNoTrustedSnapshot", { key });
      if (!snapshot.trusted)
        return refuse(action, "recovery.restoreSnapshotUntrusted", { snapshotId: snapshot.snapshotId });
      return {
        ...base,
        targetAssets: [snapshot.asset],
        restoreSnapshotId: snapshot.snapshotId,
        ...because("recovery.why.restore", {
          asset: assetText(snapshot.asset),
          snapshotId: snapshot.snapshotId,
          rows: snapshot.rowCount,
          runId: snapshot.takenBeforeRunId,
        }),
      };
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

/**
 * Why a rebuild of `targets` may not run: an asset it builds on (upstream of its first target) is not released. A
 * rebuild never sits on an upstream nobody approved — a report built from failed or unreviewed silver could be
 * approved and look released while downstream is held. Null when every such asset is released.
 */
export function unreleasedUpstream(facts: PartitionFacts, targets: readonly string[]): Text | null {
  const first = PARTITIONED_ASSETS.findIndex((a) => targets.includes(a));
  const under = PARTITIONED_ASSETS.slice(0, Math.max(0, first))
    .map((a) => facts.assets.find((f) => f.asset === a))
    .filter((a) => a !== undefined && a.status !== "released");
  if (under.length === 0) return null;
  return text("recovery.rebuildOnUnreleased", {
    key: facts.partitionKey,
    targets: nameList(targets.map((a) => assetText(a, { lower: true }))),
    under: nameList(
      under.map((a) =>
        text("recovery.assetIsStatus", { asset: assetText(a!.asset, { lower: true }), status: a!.status }),
      ),
    ),
  });
}

function because(key: MessageKey, values: Record<string, TextValue>): { why: string; whyText: Text } {
  const said = told(key, values);
  return { why: said.message, whyText: said.text };
}

/** The action that fits the partition's state, or null when it needs none (rerun is never chosen for you). */
export function fittingAction(facts: PartitionFacts, policy: ActionPolicy): RecoveryAction | null {
  const maxAttempts = policy.max_retry_attempts;
  const status = partitionStatusOf(facts);
  switch (status) {
    case "failed":
      return facts.lastFailedRun?.errorKind === "transient" && facts.lastFailedRun.attempt < maxAttempts
        ? "retry"
        : "rerun";
    case "missing":
      return "backfill";
    case "stale":
      return "replay";
    case "quarantined":
      return facts.snapshots.some(
        (s) => s.trusted && facts.assets.some((a) => a.asset === s.asset && a.status === "quarantined"),
      )
        ? "restore"
        : "rerun";
    default:
      return null;
  }
}

export function silverCount(facts: PartitionFacts): number {
  return silver(facts)?.current_output_count ?? 0;
}
