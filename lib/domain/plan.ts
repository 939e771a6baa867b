// Planning is pure and deterministic: the same facts give the same plan and the same plan id. The plan names
// its boundary (window), its evidence (manifests, counts, what the action needs) and its impact.
import crypto from "node:crypto";
import {
  DOWNSTREAM_CONSUMERS,
  PARTITIONED_ASSETS,
  REPORT_ASSET,
  SILVER_ASSET,
  assetLabel,
  assetText,
} from "@/lib/domain/assets";
import { IDEMPOTENCY_GUARD } from "@/lib/domain/guard";
import {
  PLAN_VERSION,
  type BackfillPlan,
  type GapReasonCounts,
  type PlanMode,
  type PlannedPartition,
  type ReprocessMode,
  type RunOrder,
  type RunPriority,
  type UnsealedPlan,
} from "@/lib/domain/plan-document";
import { proposedAction, type ActionToken } from "@/lib/domain/proposed-actions";
import { addDays, partitionWindow, type PartitionKey } from "@/lib/domain/partition";
import {
  checkPrecondition,
  fittingAction,
  partitionStatusOf,
  silverCount,
  type ActionOptions,
  type ActionPolicy,
  smallestRebuild,
  unreleasedUpstream,
  type PartitionFacts,
  type RecoveryAction,
} from "@/lib/domain/recovery";
import { GAP_REASONS, gapReason } from "@/lib/domain/status";
import { text, told, type MessageKey, type Text, type TextValue } from "@/lib/i18n/text";

export type PlanOutcome = { ok: true; plan: BackfillPlan } | { ok: false; message: string; text: Text };

function refused(key: MessageKey, values: Record<string, TextValue>): PlanOutcome {
  return { ok: false, ...told(key, values) };
}

interface Common {
  policy: ActionPolicy;
  operator: string;
  mode: PlanMode;
  reportPath: string;
  createdAt: string;
  /** Which partition of a window runs first (default newest_first: the freshest data matters most). */
  runOrder?: RunOrder;
  /** Default: high for a single-partition retry or restore (it should not wait behind a long backfill), else normal. */
  priority?: RunPriority;
  /** The backfill whose failed or cancelled partitions this plan executes again. */
  reexecutes?: number;
  /** One partition only: the operator's statement that the day truly has no data. */
  attestation?: { attested_by: string; reason: string };
}

export function defaultPriority(kind: "partition" | "window", action: RecoveryAction): RunPriority {
  return kind === "partition" && (action === "retry" || action === "restore") ? "high" : "normal";
}

/** sha256 over the plan without the fields that do not change what it will do (proposed_action is mode + content). */
export function planHash(plan: UnsealedPlan): string {
  const { mode: _mode, created_at: _createdAt, proposed_action: _proposed, ...content } = plan;
  return crypto.createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

/** Whether a plan's content still hashes to its plan_hash: false for a plan made by an earlier plan version. */
export function hashMatches(plan: BackfillPlan): boolean {
  const { plan_id: _id, plan_hash: hash, ...content } = plan;
  return planHash(content) === hash;
}

function seal(plan: UnsealedPlan): BackfillPlan {
  const hash = planHash(plan);
  // The document's field order is the contract's (createPlan writes what the schema parsed).
  return { ...plan, plan_id: hash.slice(0, 16), plan_hash: hash };
}

function noInputGuidance(facts: PartitionFacts): string {
  const looked = facts.coveringManifests.map((m) => m.manifestId).join(", ") || "none cover it";
  return `expected_input_count is 0 for ${facts.partitionKey}: check that the upstream really has records for that date before building it (manifests looked at: ${looked})`;
}

/** The lesson's rule, word for word, then ours: held until a reviewer approves, not merely until checks pass. */
export const LESSON_IMPACT = "hold Week07/Week08 consumption until checks pass";

function impact(keys: string[], targets: string[]): string {
  const what = targets.map(assetLabel).join(", ");
  const where = keys.length === 1 ? keys[0] : `${keys.length} partitions (${keys[0]} .. ${keys.at(-1)})`;
  if (!targets.includes(SILVER_ASSET)) {
    return `${LESSON_IMPACT} — not needed here: ${what} of ${where} will be rebuilt, but ${DOWNSTREAM_CONSUMERS.join(" and ")} read ${assetLabel(SILVER_ASSET).toLowerCase()}, which this plan does not touch; what they consume now stays consumable`;
  }
  return `${LESSON_IMPACT}; stricter here: ${what} of ${where} will be rewritten and ${DOWNSTREAM_CONSUMERS.join(" and ")} stay held for ${keys.length === 1 ? "it" : "them"} until a reviewer approves the run's evidence, checks passing is not enough`;
}

/** Why another person must approve before the plan executes (policy blast_radius), or null. */
function approvalRequired(partitions: PlannedPartition[], policy: ActionPolicy): string | null {
  const released = partitions.filter((p) => p.included && p.released_assets.length > 0).map((p) => p.partition_key);
  if (!policy.blast_radius.released_rewrite_needs_second_approval || released.length === 0) return null;
  const which =
    released.length <= 5 ? released.join(", ") : `${released.slice(0, 5).join(", ")} and ${released.length - 5} more`;
  return `it rewrites ${released.length} released partition${released.length === 1 ? "" : "s"} (${which}): policy rule blast_radius.released_rewrite_needs_second_approval — someone other than its planner approves it before it executes`;
}

function tokenFor(action: RecoveryAction, targets: string[]): ActionToken {
  switch (action) {
    case "backfill":
      return targets[0] === REPORT_ASSET
        ? "report_rebuild_for_partition"
        : targets[0] === SILVER_ASSET
          ? "silver_rebuild_for_partition"
          : "ticket_ingest_for_partition";
    case "retry":
      return "retry_failed_run_for_partition";
    case "rerun":
      return "rerun_for_partition";
    case "replay":
      return "manifest_replay_for_partition";
    case "restore":
      return "snapshot_restore_for_partition";
  }
}

/** The gap reason of the partition's worst asset (a rejection stays a rejection, not a failed check). */
function worstGapReason(facts: PartitionFacts) {
  const status = partitionStatusOf(facts);
  return facts.assets.find((a) => a.status === status)?.gap_reason ?? gapReason(status);
}

function planned(facts: PartitionFacts, included: boolean, reason: string, targets: string[]): PlannedPartition {
  const status = partitionStatusOf(facts);
  return {
    partition_key: facts.partitionKey,
    status,
    gap_reason: worstGapReason(facts),
    included,
    reason,
    expected_input_count: facts.expectedInputCount,
    current_output_count: silverCount(facts),
    upstream_manifest_ids: facts.coveringManifests.map((m) => m.manifestId).sort(),
    target_assets: included ? targets : [],
    released_assets: facts.assets
      .filter((a) => a.status === "released" && included && targets.includes(a.asset))
      .map((a) => a.asset),
  };
}

export function planPartition(
  facts: PartitionFacts,
  request: Common & { action?: RecoveryAction; options?: ActionOptions },
): PlanOutcome {
  const status = partitionStatusOf(facts);
  const action = request.action ?? fittingAction(facts, request.policy);
  if (!action) {
    return refused("plans.needsNoRecovery", {
      key: facts.partitionKey,
      status,
      description: text(`status.description.${status}`),
    });
  }
  const pre = checkPrecondition(action, facts, request.policy, request.options);
  if (!pre.ok) return { ok: false, message: pre.message, text: pre.text };
  // The empty-input gate: nothing is built from no input unless someone said, with a reason, that the day is empty.
  if (facts.expectedInputCount === 0 && action !== "restore" && !request.attestation) {
    return refused("plans.noInput", {
      key: facts.partitionKey,
      manifests: facts.coveringManifests.map((m) => m.manifestId).join(", ") || text("plans.noneCoverIt"),
    });
  }
  if (request.attestation && facts.expectedInputCount > 0) {
    return refused("plans.attestHasInput", { key: facts.partitionKey, count: facts.expectedInputCount });
  }
  const manifests = pre.replayManifestId
    ? facts.coveringManifests.filter((m) => m.manifestId === pre.replayManifestId)
    : facts.coveringManifests;
  const guidance =
    facts.expectedInputCount === 0
      ? [
          noInputGuidance(facts),
          ...(request.attestation
            ? [`attested empty by ${request.attestation.attested_by}: ${request.attestation.reason}`]
            : []),
        ]
      : [];
  const upstream = pre.replayManifestId ?? manifests[0]?.manifestId ?? null;
  const targets = pre.targetAssets;
  const kept = PARTITIONED_ASSETS.filter((a) => !targets.includes(a));
  const summary =
    action === "backfill" && kept.length
      ? `${targets.length === 1 && targets[0] === REPORT_ASSET ? "report-only" : "partial"} rebuild of ${facts.partitionKey}: build ${targets.map(assetLabel).join(" → ")} from what ${kept.map(assetLabel).join(" and ")} hold now (${facts.expectedInputCount} tickets expected); ${kept.map(assetLabel).join(" and ")} are not touched`
      : action === "restore"
        ? `restore ${targets.map(assetLabel).join(", ")} of ${facts.partitionKey} from snapshot ${pre.restoreSnapshotId}`
        : action === "retry"
          ? `retry run ${pre.retryOfRunId} of ${facts.partitionKey} (${targets.map(assetLabel).join(" → ")}), same input`
          : `${action} ${facts.partitionKey}: build ${targets.map(assetLabel).join(" → ")} from ${pre.replayManifestId ? `manifest ${pre.replayManifestId} merged into the current rows` : manifests.map((m) => m.manifestId).join(", ") || "no manifest"} (${facts.expectedInputCount} tickets expected)`;
  const rows = [planned(facts, true, pre.why, targets)];
  return {
    ok: true,
    plan: seal({
      plan_version: PLAN_VERSION,
      kind: "partition",
      mode: request.mode,
      recovery_action: action,
      partition_key: facts.partitionKey,
      ...partitionWindow(facts.partitionKey),
      reprocess_mode: null,
      run_order: request.runOrder ?? "newest_first",
      priority: request.priority ?? defaultPriority("partition", action),
      selection: null,
      reexecutes_backfill_id: request.reexecutes ?? null,
      upstream_manifest_id: upstream,
      upstream_manifests: manifests.map((m) => ({ manifest_id: m.manifestId, sha256: m.sha256 })),
      expected_input_count: facts.expectedInputCount,
      current_output_count: silverCount(facts),
      gap_reason: worstGapReason(facts),
      proposed_action: proposedAction(tokenFor(action, targets), request.mode),
      summary,
      why: pre.why,
      idempotency_guard: IDEMPOTENCY_GUARD,
      downstream_impact: impact([facts.partitionKey], targets),
      empty_input_attestation: request.attestation ?? null,
      approval_required: approvalRequired(rows, request.policy),
      operator: request.operator,
      target_assets: targets,
      report_path: request.reportPath,
      needs: {
        retry_of_run_id: pre.retryOfRunId,
        replay_manifest_id: pre.replayManifestId,
        restore_snapshot_id: pre.restoreSnapshotId,
      },
      partitions: rows,
      guidance,
      created_at: request.createdAt,
    }),
  };
}

const INCLUDED_BY: Record<ReprocessMode, (facts: PartitionFacts) => boolean> = {
  missing: (f) => partitionStatusOf(f) === "missing",
  failed_and_missing: (f) => ["missing", "failed"].includes(partitionStatusOf(f)),
  all: () => true,
};

function skipReason(facts: PartitionFacts, reprocess: ReprocessMode): string | null {
  const status = partitionStatusOf(facts);
  if (status === "running") return "skipped: a run is in progress";
  if (facts.expectedInputCount === 0) return "skipped: no upstream input (expected_input_count 0)";
  if (INCLUDED_BY[reprocess](facts)) {
    // The same rule as a single partition's backfill: a rebuild never sits on an upstream that is not released.
    const below = status === "missing" ? unreleasedUpstream(facts, smallestRebuild(facts)) : null;
    return below ? `skipped: ${told(below).message}` : null;
  }
  if (status === "released") return "skipped: already released";
  if (status === "pending_review") return "skipped: already built, awaiting review";
  const better =
    status === "failed"
      ? " (use reprocess failed_and_missing, or retry it)"
      : status === "stale"
        ? " (replay fits it better)"
        : status === "quarantined"
          ? " (restore fits it better)"
          : "";
  return `skipped: ${status}, not selected by reprocess mode ${reprocess}${better}`;
}

/** How many partitions of a window have each gap reason, in the reasons' order, "none" last; absent when 0. */
export function countGapReasons(rows: Pick<PlannedPartition, "gap_reason">[]): GapReasonCounts {
  const counts: GapReasonCounts = {};
  for (const reason of [...GAP_REASONS, "none"] as const) {
    const n = rows.filter((r) => (r.gap_reason ?? "none") === reason).length;
    if (n > 0) counts[reason] = n;
  }
  return counts;
}

export function planWindow(
  facts: PartitionFacts[],
  request: Common & { from: PartitionKey; to: PartitionKey; reprocess: ReprocessMode; selection?: PartitionKey[] },
): PlanOutcome {
  // A selection (re-executing a backfill's failed or cancelled partitions) narrows the window to exactly those.
  const selected = request.selection ? new Set<string>(request.selection) : null;
  const all = selected ? facts.filter((f) => selected.has(f.partitionKey)) : facts;
  const forbidden = PARTITIONED_ASSETS.find((a) => request.policy.assets[a]?.backfill !== true);
  if (forbidden)
    return refused("plans.windowNotAllowed", { asset: assetText(forbidden, { lower: true }), assetKey: forbidden });
  const partitions = all.map((f) => {
    const skip = skipReason(f, request.reprocess);
    // A missing partition gets the smallest rebuild that fits it (its report alone, when only that is gone).
    const targets = partitionStatusOf(f) === "missing" ? smallestRebuild(f) : [...PARTITIONED_ASSETS];
    return {
      facts: f,
      row: planned(
        f,
        skip === null,
        skip ??
          `included: ${partitionStatusOf(f)}, selected by reprocess mode ${request.reprocess}${targets.length < PARTITIONED_ASSETS.length ? ` (rebuilds ${targets.map(assetLabel).join(", ").toLowerCase()} only)` : ""}`,
        targets,
      ),
    };
  });
  const included = partitions.filter((p) => p.row.included);
  if (included.length === 0) {
    return refused("plans.nothingToBackfill", {
      from: request.from,
      to: request.to,
      reprocess: request.reprocess,
      reasons: [...new Set(partitions.map((p) => p.row.reason))].join("; "),
    });
  }
  const max = request.policy.blast_radius.max_partitions_per_plan;
  if (included.length > max) {
    return refused("plans.blastRadius", { count: included.length, max });
  }
  const manifests = new Map<string, string>();
  for (const p of included) for (const m of p.facts.coveringManifests) manifests.set(m.manifestId, m.sha256);
  // Every asset any included partition rebuilds, in build order.
  const targets = PARTITIONED_ASSETS.filter((a) => included.some((p) => p.row.target_assets.includes(a)));
  const keys = included.map((p) => p.facts.partitionKey);
  const expected = included.reduce((n, p) => n + p.facts.expectedInputCount, 0);
  return {
    ok: true,
    plan: seal({
      plan_version: PLAN_VERSION,
      kind: "window",
      mode: request.mode,
      recovery_action: "backfill",
      partition_key: request.from,
      window_start: partitionWindow(request.from).window_start,
      window_end: partitionWindow(request.to).window_end,
      reprocess_mode: request.reprocess,
      run_order: request.runOrder ?? "newest_first",
      priority: request.priority ?? defaultPriority("window", "backfill"),
      selection: request.selection ? [...request.selection].sort() : null,
      reexecutes_backfill_id: request.reexecutes ?? null,
      // The window's own: every manifest it reads (which partition each covers is in partitions[]).
      upstream_manifest_id: [...manifests.keys()].sort(),
      upstream_manifests: [...manifests.entries()].sort().map(([manifest_id, sha256]) => ({ manifest_id, sha256 })),
      expected_input_count: expected,
      current_output_count: included.reduce((n, p) => n + silverCount(p.facts), 0),
      gap_reason: countGapReasons(partitions.map((p) => p.row)),
      proposed_action: proposedAction("ticket_ingest_for_window", request.mode),
      summary: `backfill ${keys.length} of ${partitions.length} partitions in ${request.from}..${request.to}${selected ? " (the selected ones)" : ""} (${keys.join(", ")}): build ${targets.map(assetLabel).join(" → ")}, one run per partition (${expected} tickets expected)`,
      why: `reprocess mode ${request.reprocess} selects ${keys.length} partition${keys.length === 1 ? "" : "s"}; the others are listed with why they are skipped`,
      idempotency_guard: IDEMPOTENCY_GUARD,
      downstream_impact: impact(keys, targets),
      empty_input_attestation: null,
      approval_required: approvalRequired(
        partitions.map((p) => p.row),
        request.policy,
      ),
      operator: request.operator,
      target_assets: targets,
      report_path: request.reportPath,
      needs: { retry_of_run_id: null, replay_manifest_id: null, restore_snapshot_id: null },
      partitions: partitions.map((p) => p.row),
      guidance: partitions.filter((p) => p.facts.expectedInputCount === 0).map((p) => noInputGuidance(p.facts)),
      created_at: request.createdAt,
    }),
  };
}

/** Runs of consecutive days, in order: 03-01, 03-02, 03-03, 03-05 → 03-01..03-03, 03-05..03-05. */
export function dayRanges(keys: string[]): { from: string; to: string }[] {
  const ranges: { from: string; to: string }[] = [];
  for (const key of [...keys].sort()) {
    const last = ranges.at(-1);
    if (last && addDays(last.to as PartitionKey, 1) === key) last.to = key;
    else ranges.push({ from: key, to: key });
  }
  return ranges;
}

/**
 * Which of a plan's partitions each manifest covers (manifests by id, then the partitions no manifest covers, as
 * manifestId null): a window plan's "manifests per partition", compact.
 */
export function manifestCoverage(
  rows: Pick<PlannedPartition, "partition_key" | "upstream_manifest_ids">[],
): { manifestId: string | null; count: number; ranges: { from: string; to: string }[] }[] {
  const byManifest = new Map<string | null, string[]>();
  for (const row of rows)
    for (const id of row.upstream_manifest_ids.length ? row.upstream_manifest_ids : [null]) {
      const keys = byManifest.get(id) ?? [];
      keys.push(row.partition_key);
      byManifest.set(id, keys);
    }
  return [...byManifest]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([manifestId, keys]) => ({ manifestId, count: keys.length, ranges: dayRanges(keys) }));
}
