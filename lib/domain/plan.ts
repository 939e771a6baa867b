// Planning is pure and deterministic: the same facts give the same plan and the same plan id. The plan names
// its boundary (window), its evidence (manifests, counts, what the action needs) and its impact.
import crypto from "node:crypto";
import {
  DOWNSTREAM_CONSUMERS,
  PARTITIONED_ASSETS,
  REPORT_ASSET,
  SILVER_ASSET,
  assetText,
  nameList,
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
import { render, semicolonList, text, told, type MessageKey, type Text, type TextValue } from "@/lib/i18n/text";

/**
 * The plan document's prose as catalog messages (stored as Plan.texts): pages render them in the reader's language,
 * while the document keeps their English — its words are hashed with it.
 */
export interface PlanTexts {
  summary: TextValue;
  why: TextValue;
  approval: TextValue | null;
  impact: TextValue;
  guidance: TextValue[];
  /** One per partition of the document, in its order: why it is included or skipped. */
  reasons: TextValue[];
}

export type PlanOutcome =
  { ok: true; plan: BackfillPlan; texts: PlanTexts } | { ok: false; message: string; text: Text };

const en = (t: TextValue) => render(t, "en");

/** Any number of items joined as each language joins them: "a → b → c", "a, b, c" (zh "a、b、c"). */
function chain(items: TextValue[], join: "list.arrow2" | "list.comma2"): TextValue {
  return items.length === 0 ? "" : items.reduce((a, b) => text(join, { a, b }));
}

const assets = (keys: string[], join: "list.arrow2" | "list.comma2" = "list.arrow2") =>
  chain(
    keys.map((a) => assetText(a)),
    join,
  );

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

function noInputGuidance(facts: PartitionFacts): Text {
  return text("planText.noInput", {
    key: facts.partitionKey,
    manifests: facts.coveringManifests.map((m) => m.manifestId).join(", ") || text("plans.noneCoverIt"),
  });
}

/** The lesson's rule, word for word (planText.lessonImpact), then ours: held until a reviewer approves, not merely until checks pass. */
function impact(keys: string[], targets: string[]): Text {
  const values = {
    lesson: text("planText.lessonImpact"),
    what: assets(targets, "list.comma2"),
    where:
      keys.length === 1
        ? keys[0]!
        : text("planText.partitionRange", { count: keys.length, first: keys[0]!, last: keys.at(-1)! }),
    consumers: nameList([...DOWNSTREAM_CONSUMERS]),
  };
  return targets.includes(SILVER_ASSET)
    ? text("planText.impactHeld", { ...values, count: keys.length })
    : text("planText.impactNotNeeded", { ...values, silver: assetText(SILVER_ASSET, { lower: true }) });
}

/** Why another person must approve before the plan executes (policy blast_radius), or null. */
function approvalRequired(partitions: PlannedPartition[], policy: ActionPolicy): Text | null {
  const released = partitions.filter((p) => p.included && p.released_assets.length > 0).map((p) => p.partition_key);
  if (!policy.blast_radius.released_rewrite_needs_second_approval || released.length === 0) return null;
  const which =
    released.length <= 5
      ? released.join(", ")
      : text("planText.andMore", { keys: released.slice(0, 5).join(", "), more: released.length - 5 });
  return text("planText.approval", { count: released.length, which });
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

function planned(facts: PartitionFacts, included: boolean, reason: TextValue, targets: string[]): PlannedPartition {
  const status = partitionStatusOf(facts);
  return {
    partition_key: facts.partitionKey,
    status,
    gap_reason: worstGapReason(facts),
    included,
    reason: en(reason),
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
  const guidance: Text[] =
    facts.expectedInputCount === 0
      ? [
          noInputGuidance(facts),
          ...(request.attestation
            ? [text("planText.attested", { by: request.attestation.attested_by, reason: request.attestation.reason })]
            : []),
        ]
      : [];
  const upstream = pre.replayManifestId ?? manifests[0]?.manifestId ?? null;
  const targets = pre.targetAssets;
  const kept = PARTITIONED_ASSETS.filter((a) => !targets.includes(a));
  const key = facts.partitionKey;
  const expected = facts.expectedInputCount;
  const summary =
    action === "backfill" && kept.length
      ? text("planText.summaryPartial", {
          kind: targets.length === 1 && targets[0] === REPORT_ASSET ? "report" : "partial",
          key,
          targets: assets(targets),
          kept: nameList(kept.map((a) => assetText(a))),
          expected,
        })
      : action === "restore"
        ? text("planText.summaryRestore", {
            targets: assets(targets, "list.comma2"),
            key,
            snapshotId: pre.restoreSnapshotId ?? "null",
          })
        : action === "retry"
          ? text("planText.summaryRetry", { runId: pre.retryOfRunId ?? "null", key, targets: assets(targets) })
          : text("planText.summaryBuild", {
              action,
              key,
              targets: assets(targets),
              source: pre.replayManifestId
                ? text("planText.fromReplay", { manifestId: pre.replayManifestId })
                : manifests.map((m) => m.manifestId).join(", ") || text("planText.noManifest"),
              expected,
            });
  const rows = [planned(facts, true, pre.whyText, targets)];
  const texts: PlanTexts = {
    summary,
    why: pre.whyText,
    approval: approvalRequired(rows, request.policy),
    impact: impact([key], targets),
    guidance,
    reasons: [pre.whyText],
  };
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
      summary: en(texts.summary),
      why: pre.why,
      idempotency_guard: IDEMPOTENCY_GUARD,
      downstream_impact: en(texts.impact),
      empty_input_attestation: request.attestation ?? null,
      approval_required: texts.approval === null ? null : en(texts.approval),
      operator: request.operator,
      target_assets: targets,
      report_path: request.reportPath,
      needs: {
        retry_of_run_id: pre.retryOfRunId,
        replay_manifest_id: pre.replayManifestId,
        restore_snapshot_id: pre.restoreSnapshotId,
      },
      partitions: rows,
      guidance: guidance.map(en),
      created_at: request.createdAt,
    }),
    texts,
  };
}

const INCLUDED_BY: Record<ReprocessMode, (facts: PartitionFacts) => boolean> = {
  missing: (f) => partitionStatusOf(f) === "missing",
  failed_and_missing: (f) => ["missing", "failed"].includes(partitionStatusOf(f)),
  all: () => true,
};

function skipReason(facts: PartitionFacts, reprocess: ReprocessMode): Text | null {
  const status = partitionStatusOf(facts);
  if (status === "running") return text("planText.skip.running");
  if (facts.expectedInputCount === 0) return text("planText.skip.noInput");
  if (INCLUDED_BY[reprocess](facts)) {
    // The same rule as a single partition's backfill: a rebuild never sits on an upstream that is not released.
    const below = status === "missing" ? unreleasedUpstream(facts, smallestRebuild(facts)) : null;
    return below ? text("planText.skip.upstreamNotReleased", { reason: below }) : null;
  }
  if (status === "released") return text("planText.skip.released");
  if (status === "pending_review") return text("planText.skip.pendingReview");
  return text("planText.skip.notSelected", { status, reprocess });
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
    const reason = skip ?? includedReason(f, request.reprocess, targets);
    return { facts: f, row: planned(f, skip === null, reason, targets), reason };
  });
  const included = partitions.filter((p) => p.row.included);
  if (included.length === 0) {
    return refused("plans.nothingToBackfill", {
      from: request.from,
      to: request.to,
      reprocess: request.reprocess,
      reasons: semicolonList([...new Map(partitions.map((p) => [p.row.reason, p.reason])).values()]),
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
  const texts: PlanTexts = {
    summary: text("planText.summaryWindow", {
      count: keys.length,
      total: partitions.length,
      from: request.from,
      to: request.to,
      selected: selected ? "yes" : "no",
      keys: keys.join(", "),
      targets: assets(targets),
      expected,
    }),
    why: text("planText.whyWindow", { reprocess: request.reprocess, count: keys.length }),
    approval: approvalRequired(
      partitions.map((p) => p.row),
      request.policy,
    ),
    impact: impact(keys, targets),
    guidance: partitions.filter((p) => p.facts.expectedInputCount === 0).map((p) => noInputGuidance(p.facts)),
    reasons: partitions.map((p) => p.reason),
  };
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
      summary: en(texts.summary),
      why: en(texts.why),
      idempotency_guard: IDEMPOTENCY_GUARD,
      downstream_impact: en(texts.impact),
      empty_input_attestation: null,
      approval_required: texts.approval === null ? null : en(texts.approval),
      operator: request.operator,
      target_assets: targets,
      report_path: request.reportPath,
      needs: { retry_of_run_id: null, replay_manifest_id: null, restore_snapshot_id: null },
      partitions: partitions.map((p) => p.row),
      guidance: texts.guidance.map(en),
      created_at: request.createdAt,
    }),
    texts,
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

function includedReason(facts: PartitionFacts, reprocess: ReprocessMode, targets: string[]): Text {
  return text("planText.included", {
    status: partitionStatusOf(facts),
    reprocess,
    only:
      targets.length < PARTITIONED_ASSETS.length
        ? text("planText.rebuildsOnly", {
            assets: chain(
              targets.map((a) => assetText(a, { lower: true })),
              "list.comma2",
            ),
          })
        : "",
  });
}
