// The execution of one claimed run: its target assets in build order, each step one write transaction
// followed by its checks, all under the run's lease. A transient fault is retried inside the run from the failed
// step, with backoff, up to the policy's limit; a blocking check failure stops before downstream assets are
// built from bad data; Cancel stops at the next step and undoes what the run wrote. The evidence is written
// before the run is recorded as finished.
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { REPORT_ASSET } from "@/lib/domain/assets";
import { blockingFailed, runChecks } from "@/lib/domain/checks";
import type { PartitionKey } from "@/lib/domain/partition";
import { settleBackfill } from "@/lib/engine/backfill";
import { assertLease, checkLease, leased, LeaseLost, lockLease, type Lease } from "@/lib/engine/lease";
import { onPostgres } from "@/lib/raw";
import type { ClaimedRun } from "@/lib/engine/queue";
import { revertRun } from "@/lib/engine/revert";
import { errorColumns, thrownText } from "@/lib/engine/run-error";
import { LocalizedError, quote, render, semicolonList, text, type TextValue } from "@/lib/i18n/text";
import { crashPoint } from "@/lib/pipeline/crash-points";
import {
  consumeInjectedFault,
  corruptsPriorities,
  drilledChecks,
  reportRebuilt,
  withDrilledChecks,
} from "@/lib/pipeline/drill-hooks";
import { notify } from "@/lib/notify/outbox";
import { buildEvidence, evidenceMac, writeEvidenceFile } from "@/lib/pipeline/evidence";
import { stepFor, type StepContext, type StepResult } from "@/lib/pipeline/steps";
import { policy } from "@/lib/policy";
import { partitionInput } from "@/lib/read-model/inputs";
import { snapshotRows as storedRows, targetAssets } from "@/lib/store-json";

/** A fault that is expected to go away on its own: the step may be tried again as it is. */
export class TransientFault extends Error {}

export type RunStatus = "succeeded" | "failed" | "cancelled";

export interface RunSummary {
  runId: number;
  status: RunStatus;
  partitionKey: string;
  error: string | null;
  /** Blocking checks that failed. */
  checksFailed: number;
}

export interface ExecuteOptions {
  /** Test and demo knob: wait this long before each step (outside any transaction), so progress can be watched. */
  stepDelayMs?: number;
  /** Test knob: awaited before each step but the first (outside any transaction): a test holds the run there. */
  betweenSteps?: (runId: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function isTransient(error: unknown): boolean {
  if (error instanceof TransientFault) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /SQLITE_BUSY|database is locked/i.test(message);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function cancelRequested(runId: number): Promise<boolean> {
  return (
    (await db.run.findUnique({ where: { id: runId }, select: { cancelRequested: true } }))?.cancelRequested ?? false
  );
}

/** The rows a restore run returns its asset to. */
async function snapshotRows(
  snapshotId: number,
  key: PartitionKey,
  assetKey: string,
): Promise<Record<string, unknown>[]> {
  const snapshot = await db.snapshot.findUnique({ where: { id: snapshotId } });
  if (!snapshot || snapshot.partitionKey !== key || snapshot.assetKey !== assetKey)
    throw new LocalizedError(text("recovery.restoreSnapshotNotOne", { key, snapshotId }));
  return storedRows(snapshot.rows);
}

/** Executes a claimed run to its end. Returns null when the lease was lost: another worker owns the run now. */
export async function executeClaimedRun(claimed: ClaimedRun, options: ExecuteOptions = {}): Promise<RunSummary | null> {
  try {
    return await execute(claimed.lease, options);
  } catch (e) {
    if (e instanceof LeaseLost) {
      console.error(e.message);
      return null;
    }
    throw e;
  }
}

async function execute(lease: Lease, options: ExecuteOptions): Promise<RunSummary> {
  const runId = lease.runId;
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  const key = run.partitionKey as PartitionKey;
  const assets = targetAssets(run.targetAssets);
  const rules = policy();
  const ctx: StepContext = {
    runId,
    key,
    input: await partitionInput(key),
    replayManifestId: run.manifestId,
    corruptPriorities: await corruptsPriorities(run.drillId),
    emptyInputAttestation: run.emptyInputAttestation,
    guard: onPostgres() ? () => checkLease(lease) : () => assertLease(lease),
    fence: (query) => lockLease(lease, query),
  };

  const flags = await drilledChecks(key);
  let checksRun = 0;
  const checksNotPassed: string[] = [];
  let error: TextValue | null = null;
  let errorKind: "transient" | "permanent" | null = null;
  let cancelled = false;
  let checksFailed = 0;
  let firstBefore: number | null = null;
  let lastAfter: number | null = null;

  steps: for (const [i, assetKey] of assets.entries()) {
    if (options.stepDelayMs) await sleep(options.stepDelayMs);
    if (i > 0) {
      crashPoint("between_steps");
      await options.betweenSteps?.(runId);
    }
    const step = stepFor(assetKey);
    for (let attempt = 1; ; attempt++) {
      // One transaction starts the step: the lease, a cancel request, the step's record, an armed drill fault.
      const started = await leased(lease, async (tx, { cancelRequested }) => {
        if (cancelRequested) return null;
        const materialization = await tx.materialization.create({
          data: { runId, assetKey, partitionKey: key, status: "running", attempt },
        });
        return { materialization, fault: await consumeInjectedFault(tx, assetKey, key) };
      });
      if (!started) {
        cancelled = true;
        break steps;
      }
      const { materialization } = started;
      try {
        if (started.fault) throw new TransientFault(started.fault);
        let result: StepResult;
        if (run.snapshotId !== null) {
          if (!step.restore) throw new LocalizedError(text("runError.restoreNoSnapshots", { asset: assetKey }));
          result = await step.restore(ctx, await snapshotRows(run.snapshotId, key, assetKey));
        } else {
          result = await step.build(ctx);
        }
        const checks = withDrilledChecks(runChecks(result.facts), assetKey, flags);
        await leased(lease, async (tx) => {
          await tx.checkResult.createMany({
            data: checks.map(({ texts, ...c }) => ({
              runId,
              materializationId: materialization.id,
              assetKey,
              partitionKey: key,
              ...c,
              texts: JSON.stringify(texts),
            })),
          });
          await tx.materialization.update({
            where: { id: materialization.id },
            data: {
              status: "succeeded",
              rowsBefore: result.rowsBefore,
              rowsAfter: result.rowsAfter,
              diff: result.diff ? JSON.stringify(result.diff) : null,
              manifestIds: JSON.stringify(result.manifestIds),
              fingerprint: result.fingerprint,
              finishedAt: new Date(),
            },
          });
          // Progress is recorded here, not in the partition write: that transaction touches the partition's rows only.
          await tx.run.update({
            where: { id: runId },
            data: { stepsDone: i + 1, ...(step.table ? { rowsDone: result.rowsAfter } : {}) },
          });
          if (assetKey === REPORT_ASSET) await reportRebuilt(tx, key);
        });
        checksRun += checks.length;
        checksNotPassed.push(...checks.filter((c) => !c.passed).map((c) => `${assetKey.split("/").at(-1)}.${c.name}`));
        if (assetKey !== REPORT_ASSET) {
          firstBefore ??= result.rowsBefore;
          lastAfter = result.rowsAfter;
        }
        // A blocking failure quarantines this asset; building downstream of it would spread bad data.
        if (blockingFailed(checks)) {
          checksFailed += checks.filter((c) => !c.passed && c.severity === "blocking").length;
          break steps;
        }
        break;
      } catch (e) {
        if (e instanceof LeaseLost) throw e;
        const thrown = thrownText(e);
        const transient = isTransient(e);
        await leased(lease, (tx) =>
          tx.materialization.update({
            where: { id: materialization.id },
            data: { status: "failed", ...errorColumns(thrown), finishedAt: new Date() },
          }),
        );
        // Retry inside the run: the same step, same input, after a backoff — not the whole run from raw.
        if (transient && attempt < rules.max_retry_attempts && !(await cancelRequested(runId))) {
          await sleep(rules.retry_backoff_ms * 2 ** (attempt - 1));
          continue;
        }
        error =
          transient && attempt > 1 ? text("runError.afterAttempts", { error: thrown, attempts: attempt }) : thrown;
        errorKind = transient ? "transient" : "permanent";
        break steps;
      }
    }
  }

  if (cancelled) {
    const undone = await revertRun(lease, key);
    error = undone.length
      ? text("runError.cancelledRunning", { undone: semicolonList(undone) })
      : text("runError.cancelledRunningNothing");
    firstBefore = lastAfter = null;
  }
  return finishRun(lease, run, {
    status: cancelled ? "cancelled" : error ? "failed" : "succeeded",
    error,
    errorKind,
    rowsBefore: firstBefore,
    rowsAfter: lastAfter,
    checksFailed,
    checksRun,
    checksNotPassed,
  });
}

interface Outcome {
  status: RunStatus;
  error: TextValue | null;
  errorKind: "transient" | "permanent" | null;
  rowsBefore: number | null;
  rowsAfter: number | null;
  checksFailed: number;
  checksRun: number;
  /** asset.check of every check that did not pass (warnings included). */
  checksNotPassed: string[];
}

/**
 * Evidence first, then the run's final status in one transaction with the evidence row, the released locks and
 * the backfill's progress. When the evidence cannot be written (a full disk, an unwritable folder) the run fails
 * with that reason and what it built is marked failed: nothing unreviewable looks finished.
 */
async function finishRun(
  lease: Lease,
  run: {
    id: number;
    action: string;
    operator: string;
    partitionKey: string;
    backfillId: number | null;
    planId: string | null;
    targetAssets: string;
  },
  outcome: Outcome,
): Promise<RunSummary> {
  const finishedAt = new Date();
  let { status, error } = outcome;
  let evidence: Awaited<ReturnType<typeof buildEvidence>> | null = null;
  let evidenceProblem: TextValue | null = null;
  try {
    evidence = await buildEvidence(run.id, { status, error: error === null ? null : render(error, "en"), finishedAt });
    await checkLease(lease);
    writeEvidenceFile(evidence.path, evidence.document);
  } catch (e) {
    if (e instanceof LeaseLost) throw e;
    evidenceProblem = text("runError.evidenceUnwritten", { error: quote(messageOf(e)) });
    error = error === null ? evidenceProblem : semicolonList([error, evidenceProblem]);
    if (status === "succeeded") status = "failed";
    evidence = null;
  }
  crashPoint("before_status_commit");
  const english = errorColumns(error).error;
  await leased(lease, async (tx) => {
    if (evidenceProblem)
      await tx.materialization.updateMany({
        where: { runId: run.id, status: "succeeded" },
        data: { status: "failed", ...errorColumns(evidenceProblem) },
      });
    await tx.run.update({
      where: { id: run.id },
      data: {
        status,
        ...errorColumns(error),
        errorKind: evidenceProblem ? "permanent" : outcome.errorKind,
        rowsBefore: outcome.rowsBefore,
        rowsAfter: outcome.rowsAfter,
        finishedAt,
        leaseExpiresAt: null,
      },
    });
    if (evidence)
      await tx.evidence.create({
        data: {
          runId: run.id,
          partitionKey: run.partitionKey,
          path: evidence.path,
          sha256: evidence.evidence.sha256,
          hmac: evidenceMac(evidence.document),
          document: evidence.document,
        },
      });
    await tx.partitionLock.deleteMany({ where: { runId: run.id } });
    const announced = {
      run_id: run.id,
      partition_key: run.partitionKey,
      action: run.action,
      operator: run.operator,
      error: english,
      checks_not_passed: outcome.checksNotPassed,
      backfill_id: run.backfillId,
    };
    if (status === "failed") await notify(tx, "run.failed", `run.failed:${run.id}`, announced);
    if (outcome.checksFailed > 0)
      await notify(tx, "run.quarantined", `run.quarantined:${run.id}`, {
        ...announced,
        why: "a blocking check failed",
      });
    await tx.worker.updateMany({ where: { id: lease.workerId, currentRunId: run.id }, data: { currentRunId: null } });
    await audit(
      {
        actor: run.operator,
        action: `run.${run.action}`,
        target: run.partitionKey,
        outcome: status === "succeeded" ? "ok" : "failed",
        detail: {
          runId: run.id,
          assets: targetAssets(run.targetAssets),
          status,
          error: error ?? null,
          checks: { run: outcome.checksRun, blockingFailed: outcome.checksFailed, notPassed: outcome.checksNotPassed },
          planId: run.planId,
          backfillId: run.backfillId,
          worker: lease.workerId,
        },
      },
      tx,
    );
    if (run.backfillId) await settleBackfill(tx, run.backfillId);
  });
  return { runId: run.id, status, partitionKey: run.partitionKey, error: english, checksFailed: outcome.checksFailed };
}
