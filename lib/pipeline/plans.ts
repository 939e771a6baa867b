// Making a plan: validate the request, gather the partition facts, plan (pure), then write the plan JSON under
// WEEK06_REPORT_DIR/backfill/ and store it. A refused request writes nothing but its audit line.
import { backfillPlanSchema, planRequestSchema } from "@/contracts/backfill_plan";
import { audit } from "@/lib/audit";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import {
  PLAN_MODES,
  REPROCESS_MODES,
  RUN_ORDERS,
  RUN_PRIORITIES,
  type BackfillPlan,
  type PlanMode,
  type ReprocessMode,
  type RunOrder,
  type RunPriority,
} from "@/lib/domain/plan-document";
import { checkRange, partitionKeyProblemText, type PartitionKey } from "@/lib/domain/partition";
import { hashMatches, planPartition, planWindow, type PlanOutcome } from "@/lib/domain/plan";
import { RECOVERY_ACTIONS, fittingAction, type RecoveryAction } from "@/lib/domain/recovery";
import { displayPath, planFile, toJson, writeFileAtomic } from "@/lib/files";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { policy } from "@/lib/policy";
import { partitionFacts } from "@/lib/read-model/partition-facts";
import { printable } from "@/lib/domain/text";
import { text, type MessageKey, type Text, type TextValue } from "@/lib/i18n/text";
import { isOneOf } from "@/lib/domain/one-of";
import { issueText } from "@/lib/i18n/zod";

export type CreatePlanResult = { ok: true; plan: BackfillPlan; file: string } | Refused;

/** A request that cannot be planned as written (a bad field, a bad date): the caller's mistake, not the store's. */
function invalid(key: MessageKey | Text, values?: Record<string, TextValue>): Refused {
  return refusal("invalid", key, values);
}

/** Validates a raw request (form, CLI flags or JSON body) and plans it. */
export async function createPlan(raw: unknown, operator: string): Promise<CreatePlanResult> {
  const result = await buildPlan(raw, operator);
  if (!result.ok) {
    await audit({
      actor: operator,
      action: "plan.create",
      target: describeTarget(raw),
      outcome: "refused",
      detail: { reason: result.text },
    });
    // A precondition the store does not meet (the planner's refusal) is unprocessable, not a malformed request.
    return refusal("code" in result ? result.code : "unprocessable", result.text);
  }
  const file = planFile(
    result.plan.recovery_action,
    result.plan.kind === "window"
      ? `${result.plan.partition_key}_${result.plan.window_end.slice(0, 10)}`
      : result.plan.partition_key,
  );
  const plan = backfillPlanSchema.parse(result.plan);
  writeFileAtomic(file, toJson(plan));
  const last = plan.partitions.at(-1)!.partition_key;
  await db.plan.upsert({
    where: { id: plan.plan_id },
    create: {
      id: plan.plan_id,
      planHash: plan.plan_hash,
      kind: plan.kind,
      recoveryAction: plan.recovery_action,
      partitionKey: plan.partition_key,
      toKey: last,
      reprocessMode: plan.reprocess_mode,
      status: "planned",
      operator,
      reportPath: plan.report_path,
      expectedCount: plan.expected_input_count,
      currentCount: plan.current_output_count,
      document: toJson(plan),
      texts: JSON.stringify(result.texts),
    },
    // The same content planned again is the same plan: keep the first record and its status — except that a
    // plan refused as drifted becomes executable again once the store is back to what it describes. Its words
    // as messages are kept too (a plan stored before they were has none).
    update: { texts: JSON.stringify(result.texts) },
  });
  await db.plan.updateMany({ where: { id: plan.plan_id, status: "drifted" }, data: { status: "planned" } });
  await audit({
    actor: operator,
    action: "plan.create",
    target: plan.kind === "window" ? `${plan.partition_key}..${last}` : plan.partition_key,
    outcome: "ok",
    detail: { planId: plan.plan_id, action: plan.recovery_action },
  });
  return { ok: true, plan, file };
}

function describeTarget(raw: unknown): string {
  const r = (raw ?? {}) as Record<string, unknown>;
  return String(r.partition ?? (r.from || r.to ? `${r.from ?? "?"}..${r.to ?? "?"}` : config().defaultPartition));
}

async function buildPlan(raw: unknown, operator: string): Promise<PlanOutcome | Refused> {
  const parsed = planRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // The contract's messages are catalog keys: pass the finding as a message, rendered in the reader's language.
    return invalid("plans.field", { field: String(issue.path[0] ?? "request"), problem: issueText(issue) });
  }
  const req = parsed.data;
  const mode = req.mode ?? "dry-run";
  if (!isOneOf(PLAN_MODES, mode)) return invalid("plans.unsupportedMode", { mode: printable(mode) });
  const { partitions, defaultPartition } = config();
  if (req.order !== undefined && !isOneOf(RUN_ORDERS, req.order))
    return invalid("plans.unsupportedOrder", { order: printable(req.order), allowed: RUN_ORDERS.join(" or ") });
  if (req.priority !== undefined && !isOneOf(RUN_PRIORITIES, req.priority))
    return invalid("plans.unsupportedPriority", {
      priority: printable(req.priority),
      allowed: RUN_PRIORITIES.join(", "),
    });
  const common = {
    policy: policy(),
    operator,
    mode: mode as PlanMode,
    createdAt: new Date().toISOString(),
    runOrder: req.order as RunOrder | undefined,
    priority: req.priority as RunPriority | undefined,
    reexecutes: req.reexecutes,
  };

  if (req.from !== undefined || req.to !== undefined) {
    if (req.partition !== undefined) return invalid("plans.partitionOrWindow");
    if (req.from === undefined || req.to === undefined) return invalid("plans.windowNeedsBoth");
    if (req.action !== undefined && req.action !== "backfill")
      return invalid("plans.windowIsBackfill", { action: printable(req.action) });
    if (req.attest_empty !== undefined) return invalid("plans.attestOnePartition");
    const reprocess = req.reprocess ?? "missing";
    if (!isOneOf(REPROCESS_MODES, reprocess)) {
      return invalid("plans.unsupportedReprocess", { reprocess: printable(reprocess) });
    }
    const range = checkRange(partitions, req.from, req.to);
    if (!range.ok) return invalid(range.text);
    let selection: PartitionKey[] | undefined;
    if (req.only !== undefined) {
      selection = [
        ...new Set(
          req.only
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean),
        ),
      ] as PartitionKey[];
      const bad = selection.find((k) => partitionKeyProblemText(k) !== null || k < range.from || k > range.to);
      if (bad !== undefined) {
        const problem = partitionKeyProblemText(bad);
        return problem
          ? invalid("plans.onlyProblem", { problem })
          : invalid("plans.onlyOutside", { key: bad, from: range.from, to: range.to });
      }
      if (selection.length === 0) return invalid("plans.onlyEmpty");
    }
    const facts = await partitionFacts(range.from, range.to);
    return planWindow(facts, {
      ...common,
      from: range.from,
      to: range.to,
      reprocess: reprocess as ReprocessMode,
      selection,
      reportPath: displayPath(planFile("backfill", `${range.from}_${range.to}`)),
    });
  }

  if (req.reprocess !== undefined) return invalid("plans.reprocessWindowOnly");
  if (req.only !== undefined) return invalid("plans.onlyWindowOnly");
  const key = req.partition ?? defaultPartition;
  const range = checkRange(partitions, key, key);
  if (!range.ok) {
    const problem = partitionKeyProblemText(key);
    return problem ? invalid("partition.rangePartition", { problem }) : invalid(range.text);
  }
  if (req.action !== undefined && !isOneOf(RECOVERY_ACTIONS, req.action)) {
    return invalid("plans.unsupportedAction", { action: printable(req.action), allowed: RECOVERY_ACTIONS.join(", ") });
  }
  const [facts] = await partitionFacts(range.from, range.to);
  const action = (req.action as RecoveryAction | undefined) ?? fittingAction(facts!, common.policy) ?? "rerun";
  return planPartition(facts!, {
    ...common,
    action: req.action as RecoveryAction | undefined,
    options: { manifestId: req.manifest, snapshotId: req.snapshot },
    attestation: req.attest_empty !== undefined ? { attested_by: operator, reason: req.attest_empty } : undefined,
    reportPath: displayPath(planFile(action, range.from)),
  });
}

/** The request a stored plan answered, so it can be planned again against today's store. */
export function requestOf(plan: BackfillPlan): Record<string, string> {
  const common: Record<string, string> = { mode: plan.mode, order: plan.run_order, priority: plan.priority };
  if (plan.reexecutes_backfill_id) common.reexecutes = String(plan.reexecutes_backfill_id);
  if (plan.kind === "window") {
    const window = {
      ...common,
      from: plan.partition_key,
      to: plan.window_end.slice(0, 10),
      reprocess: plan.reprocess_mode ?? "missing",
    };
    return plan.selection ? { ...window, only: plan.selection.join(",") } : window;
  }
  const request: Record<string, string> = { ...common, partition: plan.partition_key, action: plan.recovery_action };
  if (plan.needs.replay_manifest_id) request.manifest = plan.needs.replay_manifest_id;
  if (plan.needs.restore_snapshot_id) request.snapshot = String(plan.needs.restore_snapshot_id);
  if (plan.empty_input_attestation) request.attest_empty = plan.empty_input_attestation.reason;
  return request;
}

/** What changed since a plan was made (the fields a fresh plan differs in), or null when it still holds. */
export async function driftOf(plan: BackfillPlan): Promise<Text | null> {
  // A plan read back from an earlier plan version (contracts/backfill_plan.ts) no longer hashes to its id.
  if (!hashMatches(plan)) return text("engine.planHashMismatch");
  const fresh = await replan(plan);
  if (!fresh.ok) return fresh.text;
  if (fresh.plan.plan_hash === plan.plan_hash) return null;
  const ignore = new Set(["plan_id", "plan_hash", "created_at", "mode"]);
  const changed = Object.keys(plan).filter(
    (k) =>
      !ignore.has(k) &&
      JSON.stringify(plan[k as keyof BackfillPlan]) !== JSON.stringify(fresh.plan[k as keyof BackfillPlan]),
  );
  return text("engine.storeChanged", { fields: changed.join(", ") });
}

/** Plans the stored plan's request again, as its operator, against the store as it is now. */
export async function replan(plan: BackfillPlan): Promise<PlanOutcome | Refused> {
  return buildPlan(requestOf(plan), plan.operator);
}
