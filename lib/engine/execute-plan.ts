// Executing a stored plan: exactly what the operator reviewed, or nothing. The plan is planned again against
// today's store; a different hash means the store drifted and execution is refused. A plan executes once, as a
// backfill: its runs and their partition locks are queued in one transaction for the workers to claim.
import type { Prisma } from "@/generated/prisma/client";
import type { BackfillPlan } from "@/lib/domain/plan-document";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { refusal, type RefusalCode, type Refused } from "@/lib/domain/refusal";
import { settleBackfill } from "@/lib/engine/backfill";
import { ActiveRunError, PRIORITIES, queueRuns, type RunAction, type RunRequest } from "@/lib/engine/queue";
import { notify } from "@/lib/notify/outbox";
import { approvalOf } from "@/lib/pipeline/plan-approval";
import { driftOf } from "@/lib/pipeline/plans";
import { getPlan } from "@/lib/read-model/plans";
import { render, text, told, type MessageKey, type Text, type TextValue } from "@/lib/i18n/text";
import { errorColumns } from "@/lib/engine/run-error";

export type ExecuteResult =
  { ok: true; planId: string; backfillId: number; runIds: number[] } | (Refused & { drifted: boolean });

/** The partitions a plan withdraws from consumers: included ones whose target assets are released now. */
export function withdrawnPartitions(plan: BackfillPlan): string[] {
  return plan.partitions.filter((p) => p.included && p.released_assets.length > 0).map((p) => p.partition_key);
}

export async function executePlan(
  planId: string,
  actor: string,
  {
    confirmWithdraw = false,
    origin = "system",
    alongside,
  }: {
    confirmWithdraw?: boolean;
    origin?: string;
    /** Written in the transaction that queues the runs: all of it with them, or none of it (a drill's revert). */
    alongside?: (tx: Prisma.TransactionClient) => Promise<void>;
  } = {},
): Promise<ExecuteResult> {
  const refuse = async (
    code: RefusalCode,
    key: MessageKey | Text,
    values?: Record<string, TextValue>,
  ): Promise<ExecuteResult> => {
    const refused = refusal(code, key, values);
    await audit({
      actor,
      action: "plan.execute",
      target: `plan ${planId}`,
      outcome: "refused",
      detail: { reason: refused.text },
    });
    return { ...refused, drifted: code === "drifted" };
  };
  const stored = await getPlan(planId);
  if (!stored) return refuse("not_found", "engine.planNotFound", { planId });
  const { plan } = stored;
  if (stored.status !== "planned") {
    const backfill = await db.backfill.findFirst({ where: { planId }, select: { id: true } });
    return backfill
      ? refuse("conflict", "engine.planAlreadyStatusBackfill", {
          planId,
          status: stored.status,
          backfillId: backfill.id,
        })
      : refuse("conflict", "engine.planAlreadyStatus", { planId, status: stored.status });
  }
  // Rewriting released data takes an explicit yes: week07/week08 lose it until a reviewer approves again.
  const withdrawn = withdrawnPartitions(plan);
  if (withdrawn.length > 0 && !confirmWithdraw) {
    return refuse("conflict", "engine.planRewritesReleased", {
      planId,
      count: withdrawn.length,
      keys: `${withdrawn.slice(0, 10).join(", ")}${withdrawn.length > 10 ? ", …" : ""}`,
    });
  }
  const drift = await driftOf(plan);
  if (drift) {
    await db.plan.updateMany({ where: { id: planId, status: "planned" }, data: { status: "drifted" } });
    await notify(db, "plan.drifted", `plan.drifted:${planId}`, {
      plan_id: planId,
      partition_key: plan.partition_key,
      recovery_action: plan.recovery_action,
      drift: render(drift, "en"),
      actor,
    });
    return refuse("drifted", "engine.planDrifted", { planId, drift });
  }
  // Four eyes: a plan that rewrites released partitions waits for someone other than its planner. The approval
  // names the plan's hash, so it never carries over to a plan that drifted (checked just above); a re-execution of
  // a backfill's unfinished partitions may carry the approval of the plan that backfill executed (approvalOf).
  const { approval, notCarried } = plan.approval_required
    ? await approvalOf(plan)
    : { approval: null, notCarried: null };
  if (plan.approval_required && !approval) {
    return refuse("conflict", notCarried ? "engine.planNeedsApprovalNotCarried" : "engine.planNeedsApproval", {
      planId,
      why: plan.approval_required,
      ...(notCarried ? { notCarried } : {}),
    });
  }
  // Claim the plan: of two concurrent executions, one wins.
  const claimed = await db.plan.updateMany({
    where: { id: planId, status: "planned" },
    data: { status: "executed", executedAt: new Date() },
  });
  if (claimed.count === 0) return refuse("conflict", "engine.planBeingExecuted", { planId });

  const included = plan.partitions.filter((p) => p.included);
  const targetsOf = new Map(
    included.map((p) => [p.partition_key, p.target_assets.length ? p.target_assets : plan.target_assets]),
  );
  const keys = included.map((p) => p.partition_key as PartitionKey);
  const ordered = plan.run_order === "oldest_first" ? [...keys].sort() : [...keys].sort().reverse();
  const failedRun = plan.needs.retry_of_run_id
    ? await db.run.findUnique({ where: { id: plan.needs.retry_of_run_id }, select: { attempt: true } })
    : null;
  const priority = PRIORITIES[plan.priority];
  const requests: RunRequest[] = ordered.map((key, seq) => ({
    partitionKey: key,
    action: plan.recovery_action as RunAction,
    assets: targetsOf.get(key)!,
    operator: actor,
    origin,
    planId,
    attempt: failedRun ? failedRun.attempt + 1 : 1,
    retryOfRunId: plan.needs.retry_of_run_id ?? undefined,
    replayManifestId: plan.needs.replay_manifest_id ?? undefined,
    restoreSnapshotId: plan.needs.restore_snapshot_id ?? undefined,
    emptyInputAttestation: plan.empty_input_attestation
      ? `${plan.empty_input_attestation.attested_by}: ${plan.empty_input_attestation.reason}`
      : undefined,
    priority,
    seq,
  }));
  let backfillId = 0;
  let runIds: number[];
  try {
    // The backfill and all its runs, or nothing: a partition held by another run refuses the whole plan.
    runIds = await queueRuns(requests, async (tx) => {
      const backfill = await tx.backfill.create({
        data: {
          planId,
          action: plan.recovery_action,
          status: "queued",
          runOrder: plan.run_order,
          priority,
          partitionCount: ordered.length,
          firstKey: [...ordered].sort()[0]!,
          lastKey: [...ordered].sort().at(-1)!,
          reexecutesBackfillId: plan.reexecutes_backfill_id,
          createdBy: actor,
        },
      });
      backfillId = backfill.id;
      await alongside?.(tx);
      return { backfillId };
    });
  } catch (e) {
    if (!(e instanceof ActiveRunError)) throw e;
    await db.plan.update({ where: { id: planId }, data: { status: "planned", executedAt: null } });
    return refuse("conflict", e.text);
  }
  await audit({
    actor,
    action: "plan.execute",
    target: `plan ${planId}`,
    outcome: "ok",
    detail: {
      backfillId,
      runIds,
      action: plan.recovery_action,
      ...(approval?.carriedFrom ? { approvalCarriedFrom: approval.carriedFrom, approvedBy: approval.approvedBy } : {}),
    },
  });
  return { ok: true, planId, backfillId, runIds };
}

/** Cancels one run: a queued one at once, a running one at its next step (its write undone). */
export async function cancelRun(
  runId: number,
  actor: string,
): Promise<{ ok: true; message: string; text: Text } | Refused> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { status: true, partitionKey: true } });
  if (!run) return refusal("not_found", "engine.runNotFound", { runId });
  if (run.status === "queued") {
    const done = await db.$transaction(async (tx) => {
      const n = await tx.run.updateMany({
        where: { id: runId, status: "queued" },
        data: {
          status: "cancelled",
          ...errorColumns(text("runError.cancelledQueued", { actor })),
          finishedAt: new Date(),
        },
      });
      if (n.count === 0) return false;
      await tx.partitionLock.deleteMany({ where: { runId } });
      const { backfillId } = await tx.run.findUniqueOrThrow({ where: { id: runId }, select: { backfillId: true } });
      if (backfillId) await settleBackfill(tx, backfillId);
      return true;
    });
    if (done) {
      await audit({
        actor,
        action: "run.cancel",
        target: run.partitionKey,
        outcome: "ok",
        detail: { runId, when: "queued" },
      });
      return { ok: true, ...told("engine.runCancelledQueued", { runId }) };
    }
  }
  const requested = await db.run.updateMany({
    where: { id: runId, status: "running" },
    data: { cancelRequested: true },
  });
  if (requested.count > 0) {
    await audit({
      actor,
      action: "run.cancel",
      target: run.partitionKey,
      outcome: "ok",
      detail: { runId, when: "running" },
    });
    return { ok: true, ...told("engine.runStopsAtNextStep", { runId }) };
  }
  const now = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
  const refused = refusal("conflict", "engine.runNothingToCancel", { runId, status: now?.status ?? run.status });
  await audit({
    actor,
    action: "run.cancel",
    target: run.partitionKey,
    outcome: "refused",
    detail: { runId, reason: refused.text },
  });
  return refused;
}
