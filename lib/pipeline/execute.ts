// Executing a stored plan: exactly what the operator reviewed, or nothing. The plan is planned again against
// today's store; a different hash means the store drifted and execution is refused. A plan executes once.
import type { BackfillPlan } from "@/contracts/backfill_plan";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { ActiveRunError, processRun, queueRun, type RunAction, type RunSummary } from "@/lib/pipeline/run";
import { replan } from "@/lib/pipeline/plans";
import { getPlan } from "@/lib/queries/plans";

export type ExecuteResult =
  | { ok: true; planId: string; runIds: number[]; summaries: RunSummary[] }
  | { ok: false; message: string; drifted?: boolean };

/** Top-level fields whose value changed between the reviewed plan and a fresh one. */
function differences(a: BackfillPlan, b: BackfillPlan): string[] {
  const ignore = new Set(["plan_id", "plan_hash", "created_at", "mode"]);
  return Object.keys(a).filter((k) => !ignore.has(k) && JSON.stringify(a[k as keyof BackfillPlan]) !== JSON.stringify(b[k as keyof BackfillPlan]));
}

export async function executePlan(planId: string, actor: string, { wait }: { wait: boolean }): Promise<ExecuteResult> {
  const refuse = async (message: string, drifted = false): Promise<ExecuteResult> => {
    await audit({ actor, action: "plan.execute", target: `plan ${planId}`, outcome: "refused", detail: { reason: message } });
    return { ok: false, message, drifted };
  };
  const stored = await getPlan(planId);
  if (!stored) return refuse(`plan ${planId} does not exist`);
  const { plan } = stored;
  if (stored.status !== "planned") {
    const runs = await db.run.findMany({ where: { planId }, select: { id: true } });
    return refuse(`plan ${planId} was already ${stored.status} (runs ${runs.map((r) => r.id).join(", ") || "none"}); executing it again would write twice`);
  }
  const fresh = await replan(plan);
  if (!fresh.ok || fresh.plan.plan_hash !== plan.plan_hash) {
    await db.plan.updateMany({ where: { id: planId, status: "planned" }, data: { status: "drifted" } });
    const what = fresh.ok ? differences(plan, fresh.plan).join(", ") : fresh.message;
    return refuse(`plan ${planId} drifted: the store changed since it was made (${what}); make a fresh plan and review it`, true);
  }
  // Claim the plan: of two concurrent executions, one wins.
  const claimed = await db.plan.updateMany({ where: { id: planId, status: "planned" }, data: { status: "executed", executedAt: new Date() } });
  if (claimed.count === 0) return refuse(`plan ${planId} is already being executed`);

  const failedRun = plan.needs.retry_of_run_id ? await db.run.findUnique({ where: { id: plan.needs.retry_of_run_id }, select: { attempt: true } }) : null;
  const runIds: number[] = [];
  try {
    for (const p of plan.partitions.filter((x) => x.included)) {
      runIds.push(
        await queueRun({
          partitionKey: p.partition_key as PartitionKey,
          action: plan.recovery_action as RunAction,
          assets: plan.target_assets,
          operator: actor,
          planId,
          attempt: failedRun ? failedRun.attempt + 1 : 1,
          retryOfRunId: plan.needs.retry_of_run_id ?? undefined,
          replayManifestId: plan.needs.replay_manifest_id ?? undefined,
          restoreSnapshotId: plan.needs.restore_snapshot_id ?? undefined,
        }),
      );
    }
  } catch (e) {
    if (!(e instanceof ActiveRunError)) throw e;
    // Undo what was queued: nothing of this plan runs unless all of it can.
    await db.$transaction([
      db.run.updateMany({ where: { id: { in: runIds } }, data: { status: "cancelled", error: e.message, finishedAt: new Date() } }),
      db.partitionLock.deleteMany({ where: { runId: { in: runIds } } }),
      db.plan.update({ where: { id: planId }, data: { status: "planned", executedAt: null } }),
    ]);
    return refuse(e.message);
  }
  await audit({ actor, action: "plan.execute", target: `plan ${planId}`, outcome: "ok", detail: { runIds, action: plan.recovery_action } });
  const summaries: RunSummary[] = [];
  if (wait) {
    for (const id of runIds) {
      const s = await processRun(id);
      if (s) summaries.push(s);
    }
  }
  return { ok: true, planId, runIds, summaries };
}

/** Cancels a run: a queued one at once, a running one between its asset steps. */
export async function cancelRun(runId: number, actor: string): Promise<{ ok: boolean; message: string }> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { status: true, partitionKey: true } });
  if (!run) return { ok: false, message: `run ${runId} does not exist` };
  if (run.status === "queued") {
    const done = await db.$transaction(async (tx) => {
      const n = await tx.run.updateMany({ where: { id: runId, status: "queued" }, data: { status: "cancelled", error: `cancelled by ${actor} before it started`, finishedAt: new Date() } });
      if (n.count) await tx.partitionLock.deleteMany({ where: { runId } });
      return n.count > 0;
    });
    if (done) {
      await audit({ actor, action: "run.cancel", target: run.partitionKey, outcome: "ok", detail: { runId, when: "queued" } });
      return { ok: true, message: `run ${runId} cancelled before it started` };
    }
  }
  if (run.status === "running" || run.status === "queued") {
    await db.run.update({ where: { id: runId }, data: { cancelRequested: true } });
    await audit({ actor, action: "run.cancel", target: run.partitionKey, outcome: "ok", detail: { runId, when: "running" } });
    return { ok: true, message: `run ${runId} stops after its current step` };
  }
  const message = `run ${runId} already ${run.status}; nothing to cancel`;
  await audit({ actor, action: "run.cancel", target: run.partitionKey, outcome: "refused", detail: { runId, reason: message } });
  return { ok: false, message };
}
