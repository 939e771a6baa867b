// Safe drills: audited, reversible ways to create a gap for practice. None deletes or truncates a main table;
// the worst (corrupt_priorities) is an ordinary partition write, snapshotted first so restore can undo it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { audit } from "@/lib/audit";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { PARTITIONED_ASSETS, REPORT_ASSET, SILVER_ASSET, assetText } from "@/lib/domain/assets";
import { CHECK_NAMES } from "@/lib/domain/checks";
import { DRILL_KINDS, describeDrill, type DrillKind, type DrillTarget } from "@/lib/domain/drills";
import { checkRange, partitionKeyProblemText, type PartitionKey } from "@/lib/domain/partition";
import { loadManifest, type ManifestLoadResult } from "@/lib/pipeline/manifests";
import { displayPath } from "@/lib/files";
import { partitionReportPath } from "@/lib/pipeline/report";
import type { Prisma } from "@/generated/prisma/client";
import { ActiveRunError, queueRuns, type RunRequest } from "@/lib/engine/queue";
import { executePlan } from "@/lib/engine/execute-plan";
import { createPlan } from "@/lib/pipeline/plans";
import { getPlan } from "@/lib/read-model/plans";
import { SILVER_COLUMNS } from "@/lib/pipeline/store";
import { diffRows } from "@/lib/domain/diff";
import type { FaultDetail } from "@/lib/pipeline/drill-hooks";
import { policy } from "@/lib/policy";
import { printable } from "@/lib/domain/text";
import { text, told, withTexts, type Text } from "@/lib/i18n/text";
import { drillDetail, snapshotRows } from "@/lib/store-json";
import { isOneOf } from "@/lib/domain/one-of";

export const BROKEN_MANIFEST = path.join(
  process.cwd(),
  "prisma",
  "fixtures",
  "week06",
  "manifests",
  "week06-broken-manifest-003.json",
);

export type DrillResult = { ok: true; drillId: number; changed: Text[] } | { ok: false; message: string; text: Text };

function no(t: Text): { ok: false; message: string; text: Text } {
  return { ok: false, ...told(t) };
}

/** Checks the target a drill needs; returns a refusal message or null. */
function targetProblem(kind: DrillKind, t: DrillTarget): Text | null {
  if (kind === "load_broken_manifest") return null;
  if (!t.partitionKey) return text("drills.needsPartition", { kind });
  const problem = partitionKeyProblemText(t.partitionKey);
  if (problem) return text("partition.rangePartition", { problem });
  const range = checkRange(config().partitions, t.partitionKey, t.partitionKey);
  if (!range.ok) return range.text;
  if (kind === "fail_check" || kind === "inject_transient_fault") {
    if (!t.assetKey || !isOneOf(PARTITIONED_ASSETS, t.assetKey))
      return text("drills.needsAsset", { kind, assets: PARTITIONED_ASSETS.join(", ") });
  }
  if (kind === "fail_check" && (!t.checkName || !isOneOf(CHECK_NAMES, t.checkName)))
    return text("drills.needsCheck", { checks: CHECK_NAMES.join(", ") });
  return null;
}

/** A token of exactly what a preview described: Apply must carry the token of the inputs it applies. */
export function previewToken(kind: string, t: DrillTarget): string {
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([kind, t.partitionKey ?? null, t.assetKey ?? null, t.checkName ?? null]))
    .digest("hex")
    .slice(0, 32);
}

export async function previewDrill(
  kind: string,
  t: DrillTarget,
): Promise<{ ok: true; lines: Text[]; token: string } | { ok: false; message: string; text: Text }> {
  if (!isOneOf(DRILL_KINDS, kind))
    return no(text("drills.unknown", { kind: printable(kind), kinds: DRILL_KINDS.join(", ") }));
  const problem = targetProblem(kind as DrillKind, t);
  if (problem) return no(problem);
  if (kind === "move_report_aside" && !fs.existsSync(partitionReportPath(t.partitionKey!)))
    return no(text("drills.noReport", { key: t.partitionKey! }));
  return {
    ok: true,
    lines: describeDrill(
      kind as DrillKind,
      t,
      t.partitionKey ? displayPath(partitionReportPath(t.partitionKey)) : undefined,
    ),
    token: previewToken(kind, t),
  };
}

export async function applyDrill(kind: string, t: DrillTarget, operator: string): Promise<DrillResult> {
  const preview = await previewDrill(kind, t);
  if (!preview.ok) {
    await audit({
      actor: operator,
      action: `drill.${kind}`,
      target: t.partitionKey ?? "-",
      outcome: "refused",
      detail: { reason: preview.text },
    });
    return preview;
  }
  const key = t.partitionKey as PartitionKey;
  let changed: Text[];
  let drillId: number;
  // previewDrill has refused any other kind.
  const drillKind = kind as DrillKind;
  switch (drillKind) {
    case "move_report_aside": {
      const drill = await db.drill.create({
        data: { kind: drillKind, assetKey: REPORT_ASSET, partitionKey: key, status: "applied", operator },
      });
      const from = partitionReportPath(key);
      const to = `${from}.aside-${drill.id}`;
      fs.renameSync(from, to);
      changed = [text("drills.changed.moved", { from, to })];
      await db.drill.update({ where: { id: drill.id }, data: { detail: JSON.stringify({ from, to }) } });
      drillId = drill.id;
      break;
    }
    case "load_broken_manifest": {
      const drill = await db.drill.create({ data: { kind: drillKind, status: "applied", operator } });
      const result = await loadBrokenManifest(drill.id, operator);
      changed = [
        result.status === "rejected"
          ? text("drills.changed.loadedRejected", { id: drill.id, status: result.status, why: result.text })
          : text("drills.changed.loaded", { id: drill.id, status: result.status }),
      ];
      await db.drill.update({
        where: { id: drill.id },
        data: { detail: JSON.stringify({ outcome: result.status, manifestId: result.manifestId }) },
      });
      drillId = drill.id;
      break;
    }
    case "fail_check": {
      const queued = await withDrillRun(
        { partitionKey: key, action: "drill", assets: PARTITIONED_ASSETS, operator, priority: 2 },
        {
          kind: drillKind,
          assetKey: t.assetKey!,
          partitionKey: key,
          checkName: t.checkName!,
          status: "applied",
          operator,
        },
      );
      if (!queued.ok) return refuseApply(kind, key, operator, queued.text);
      changed = [
        text("drills.changed.flagged", { check: t.checkName!, asset: t.assetKey!, key }),
        text("drills.changed.queuedFlagged", { runId: queued.runId, key, check: t.checkName! }),
      ];
      drillId = queued.drillId;
      break;
    }
    case "inject_transient_fault": {
      // Armed for as many attempts as a run retries a step, so the run uses them up and fails: the manual retry applies.
      const fault: FaultDetail = { error: "SQLITE_BUSY: database is locked", remaining: policy().max_retry_attempts };
      const drill = await db.drill.create({
        data: {
          kind: drillKind,
          assetKey: t.assetKey!,
          partitionKey: key,
          status: "armed",
          operator,
          detail: JSON.stringify(fault),
        },
      });
      changed = [text("drills.changed.armed", { asset: t.assetKey!, key, attempts: fault.remaining })];
      drillId = drill.id;
      break;
    }
    case "corrupt_priorities": {
      const queued = await withDrillRun(
        { partitionKey: key, action: "drill", assets: [SILVER_ASSET], operator, priority: 2 },
        { kind: drillKind, assetKey: SILVER_ASSET, partitionKey: key, status: "applied", operator },
      );
      if (!queued.ok) return refuseApply(kind, key, operator, queued.text);
      changed = [text("drills.changed.queuedCorrupt", { runId: queued.runId, key })];
      await db.drill.update({
        where: { id: queued.drillId },
        data: { detail: JSON.stringify({ runId: queued.runId }) },
      });
      drillId = queued.drillId;
      break;
    }
  }
  await audit({
    actor: operator,
    action: `drill.${kind}`,
    target: t.partitionKey ?? "-",
    outcome: "ok",
    detail: { drillId, changed },
  });
  return { ok: true, drillId, changed };
}

async function refuseApply(kind: string, key: string, operator: string, why: Text): Promise<DrillResult> {
  const refused = no(why);
  await audit({
    actor: operator,
    action: `drill.${kind}`,
    target: key,
    outcome: "refused",
    detail: { reason: refused.text },
  });
  return refused;
}

/** The drill and its write (a run queued for a worker; fail_check rebuilds the partition as it is, rows unchanged,
 *  so the checks run with the drill in force), in one transaction: neither without the other. */
async function withDrillRun(
  req: RunRequest,
  drill: Prisma.DrillUncheckedCreateInput,
): Promise<{ ok: true; drillId: number; runId: number } | { ok: false; message: string; text: Text }> {
  let drillId = 0;
  try {
    const [runId] = await queueRuns([req], async (tx) => {
      drillId = (await tx.drill.create({ data: drill })).id;
      return { drillId };
    });
    return { ok: true, drillId, runId: runId! };
  } catch (e) {
    if (e instanceof ActiveRunError) return no(e.text);
    throw e;
  }
}

async function loadBrokenManifest(drillId: number, operator: string): Promise<ManifestLoadResult> {
  const copy = JSON.parse(fs.readFileSync(BROKEN_MANIFEST, "utf8")) as Record<string, unknown>;
  copy.manifest_id = `drill-broken-manifest-${drillId}`;
  const file = path.join(config().reportDir, "drills", "manifests", `drill-broken-manifest-${drillId}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(copy, null, 2));
  return loadManifest(file, { operator, baseDir: path.dirname(path.dirname(BROKEN_MANIFEST)) });
}

/** Apply exactly what a preview described: the token must be the preview's token of these very inputs. */
export async function applyPreviewedDrill(
  kind: string,
  t: DrillTarget,
  token: string | undefined,
  operator: string,
): Promise<DrillResult> {
  if (token !== previewToken(kind, t)) {
    const refused = no(text("drills.previewFirst"));
    await audit({
      actor: operator,
      action: `drill.${kind}`,
      target: t.partitionKey ?? "-",
      outcome: "refused",
      detail: { reason: refused.text },
    });
    return refused;
  }
  return applyDrill(kind, t, operator);
}

// ------------------------------------------------------------------------------------------------------- revert
// Revert is previewed, confirmed and planned like Apply: a preview says exactly what the revert will change and
// carries a token of the drill and of its partition's state; Revert does nothing unless that state still holds.
// A revert that writes rows (corrupt_priorities' restore from its snapshot) is a recovery plan, stored and executed
// as a backfill like any other (its run checked, its evidence reviewed); a partition some later run wrote since the
// drill is not rolled back over that run's rows: the operator recovers it from its partition page.

type Drill = NonNullable<Awaited<ReturnType<typeof db.drill.findUnique>>>;

export type RevertRefusal = {
  ok: false;
  message: string;
  text: Text;
  /** A later run wrote this partition since the drill: its recovery actions are the way on. */
  recoverAt?: string;
};

/** What a revert will do, decided from the drill and the store as they are now. */
interface RevertDecision {
  ok: true;
  drill: Drill;
  /** What it will change, in the operator's words. */
  lines: Text[];
  /** A revert that writes rows (a restore): the recovery plan it executes (a request as a form or the CLI sends it). */
  planRequest: Record<string, string> | null;
}

export type RevertPreview = {
  ok: true;
  drillId: number;
  partitionKey: string | null;
  lines: Text[];
  /** The plan Revert executes (made now, a dry run), or null when the revert writes no rows. */
  planId: string | null;
  token: string;
};

function refuseRevert(why: Text, recoverAt?: string): RevertRefusal {
  return { ok: false, ...told(why), ...(recoverAt ? { recoverAt } : {}) };
}

async function auditRevertRefusal(drillId: number, operator: string, refused: RevertRefusal): Promise<RevertRefusal> {
  await audit({
    actor: operator,
    action: "drill.revert",
    target: `drill ${drillId}`,
    outcome: "refused",
    detail: { reason: refused.text },
  });
  return refused;
}

/** The latest run that wrote one of `assets` of the drill's partition after the drill (after its own runs), if any. */
async function laterWrite(drill: Drill, assets: readonly string[]): Promise<{ runId: number; count: number } | null> {
  const own = await db.run.aggregate({ where: { drillId: drill.id }, _max: { id: true } });
  const writes = await db.materialization.findMany({
    where: {
      partitionKey: drill.partitionKey!,
      assetKey: { in: [...assets] },
      status: "succeeded",
      ...(own._max.id !== null ? { runId: { gt: own._max.id } } : { startedAt: { gt: drill.createdAt } }),
    },
    distinct: ["runId"],
    orderBy: { runId: "desc" },
    select: { runId: true },
  });
  return writes[0] ? { runId: writes[0].runId, count: writes.length } : null;
}

/** A drill's own run that has not finished: nothing is reverted under it. */
async function unfinishedRun(drill: Drill): Promise<number | null> {
  const run = await db.run.findFirst({
    where: { drillId: drill.id, status: { in: ["queued", "running"] } },
    select: { id: true },
  });
  return run?.id ?? null;
}

async function decideRevert(drillId: number): Promise<RevertDecision | RevertRefusal> {
  const drill = await db.drill.findUnique({ where: { id: drillId } });
  if (!drill) return refuseRevert(text("drills.notFound", { id: drillId }));
  if (drill.status === "reverted") return refuseRevert(text("drills.alreadyReverted", { id: drillId }));
  const key = drill.partitionKey ?? "";
  const decided = (lines: Text[], planRequest: Record<string, string> | null = null): RevertDecision => ({
    ok: true,
    drill,
    lines,
    planRequest,
  });
  const running = await unfinishedRun(drill);
  if (running !== null) return refuseRevert(text("drills.runNotFinished", { id: drillId, runId: running }));
  switch (drill.kind) {
    case "move_report_aside": {
      const { from, to } = drillDetail(drill.detail) as { from: string; to: string };
      const later = await laterWrite(drill, [REPORT_ASSET]);
      if (later)
        return refuseRevert(text("drills.revert.laterRun", { id: drillId, key, ...later }), drill.partitionKey!);
      if (drill.status === "resolved" || !fs.existsSync(to))
        return refuseRevert(text("drills.reportRebuilt", { id: drillId, key }));
      return decided([text("drills.revert.moveBack", { aside: displayPath(to), report: displayPath(from) })]);
    }
    case "load_broken_manifest": {
      const { manifestId } = drillDetail(drill.detail) as { manifestId?: string };
      return decided([text("drills.revert.close", { manifestId: manifestId ?? "" })]);
    }
    case "inject_transient_fault":
      if (drill.status !== "armed") return refuseRevert(text("drills.faultMet", { id: drillId, key }));
      return decided([text("drills.revert.disarm", { asset: assetText(drill.assetKey ?? ""), key })]);
    case "fail_check":
      // Lifting the flag writes nothing. The partition keeps what its last run wrote (quarantined by the flag) until
      // its checks run again: a rerun planned on its partition page, like any recovery (released rows need the
      // policy's confirmation and second approval, which a drill's revert must not step around).
      return decided([
        text("drills.revert.liftFlag", { check: drill.checkName ?? "", asset: assetText(drill.assetKey ?? ""), key }),
      ]);
    case "corrupt_priorities": {
      const { runId } = drillDetail(drill.detail) as { runId: number };
      const later = await laterWrite(drill, PARTITIONED_ASSETS);
      if (later)
        return refuseRevert(text("drills.revert.laterRun", { id: drillId, key, ...later }), drill.partitionKey!);
      const snapshot = await db.snapshot.findFirst({
        where: { partitionKey: key, assetKey: SILVER_ASSET, takenBeforeRunId: runId },
      });
      if (!snapshot) return refuseRevert(text("drills.noSnapshot", { id: drillId, runId }));
      const now = await db.silverTicketFact.findMany({ where: { partitionKey: key } });
      const diff = diffRows(
        now,
        snapshotRows(snapshot.rows),
        SILVER_COLUMNS.filter((c) => c !== "partitionKey"),
      );
      return decided(
        [
          text("drills.revert.restore", {
            asset: assetText(SILVER_ASSET),
            key,
            snapshotId: snapshot.id,
            runId,
            rows: snapshot.rowCount,
          }),
          text("drills.revert.restoreDiff", {
            changed: diff.changed,
            fields:
              Object.entries(diff.fields_changed)
                .map(([field, n]) => `${field} ×${n}`)
                .join(", ") || "—",
            added: diff.added,
            removed: diff.removed,
            unchanged: diff.unchanged,
          }),
        ],
        { partition: key, action: "restore", snapshot: String(snapshot.id) },
      );
    }
  }
}

/** A token of the drill and of everything a revert acts on: its partition's assets and locks, the report files. */
async function revertToken(drill: Drill, planId: string | null): Promise<string> {
  const key = drill.partitionKey;
  const [assets, locks] = key
    ? await Promise.all([
        db.partitionState.findMany({ where: { partitionKey: key }, orderBy: { assetKey: "asc" } }),
        db.partitionLock.findMany({ where: { partitionKey: key }, orderBy: { assetKey: "asc" } }),
      ])
    : [[], []];
  const detail = drillDetail(drill.detail);
  const files = [detail.from, detail.to].map((f) => (typeof f === "string" ? fs.existsSync(f) : null));
  return crypto
    .createHash("sha256")
    .update(
      JSON.stringify([
        drill.id,
        drill.status,
        drill.detail,
        assets.map((a) => [a.assetKey, a.materializationId, a.status, a.review, a.blockingFailed]),
        locks.map((l) => [l.assetKey, l.runId]),
        files,
        planId,
      ]),
    )
    .digest("hex")
    .slice(0, 32);
}

/**
 * Preview of a revert: what it will change, and — for a revert that writes rows — its recovery plan, made now as a
 * dry run (stored and listed like any plan). Writes nothing else.
 */
export async function previewRevert(drillId: number, operator: string): Promise<RevertPreview | RevertRefusal> {
  const decision = await decideRevert(drillId);
  if (!decision.ok) return auditRevertRefusal(drillId, operator, decision);
  let planId: string | null = null;
  const lines = [...decision.lines];
  if (decision.planRequest) {
    const made = await createPlan(decision.planRequest, operator);
    if (!made.ok) return auditRevertRefusal(drillId, operator, refuseRevert(made.text, decision.drill.partitionKey!));
    planId = made.plan.plan_id;
    lines.push(
      text("drills.revert.planned", {
        planId,
        action: made.plan.recovery_action,
        key: made.plan.partition_key,
      }),
    );
  }
  return {
    ok: true,
    drillId,
    partitionKey: decision.drill.partitionKey,
    lines,
    planId,
    token: await revertToken(decision.drill, planId),
  };
}

/**
 * Revert exactly what a preview described: refused (changing nothing but an audit line) unless the token is the
 * preview's and the drill and its partition are as they were then; a later run's write is named in the refusal.
 */
export async function revertPreviewedDrill(
  drillId: number,
  preview: { token?: string; planId?: string },
  operator: string,
  origin = "ui",
): Promise<DrillResult | RevertRefusal> {
  const decision = await decideRevert(drillId);
  if (!decision.ok) return auditRevertRefusal(drillId, operator, decision);
  const { drill } = decision;
  const planId = decision.planRequest ? (preview.planId ?? null) : null;
  if (!preview.token) return auditRevertRefusal(drillId, operator, refuseRevert(text("drills.revert.previewFirst")));
  if (preview.token !== (await revertToken(drill, planId)))
    return auditRevertRefusal(drillId, operator, refuseRevert(text("drills.revert.stale", { id: drillId })));
  const key = drill.partitionKey as PartitionKey;
  const reverted = { status: "reverted" as const, revertedAt: new Date(), revertedBy: operator };
  let changed: Text[];
  let detail: Record<string, unknown> = {};
  if (planId) {
    // The plan the preview made, for this very revert (a token names it, not what it is: check).
    const stored = await getPlan(planId);
    const expected = decision.planRequest!;
    if (
      !stored ||
      stored.plan.kind !== "partition" ||
      stored.plan.partition_key !== key ||
      stored.plan.recovery_action !== expected.action ||
      String(stored.plan.needs.restore_snapshot_id ?? "") !== (expected.snapshot ?? "")
    )
      return auditRevertRefusal(drillId, operator, refuseRevert(text("drills.revert.notThisPlan", { planId })));
    const executed = await executePlan(planId, operator, {
      origin,
      // The drill is reverted in the transaction that queues its restore: both, or neither.
      alongside: async (tx) => {
        await tx.drill.update({ where: { id: drillId }, data: reverted });
      },
    });
    if (!executed.ok) return auditRevertRefusal(drillId, operator, refuseRevert(executed.text, key));
    const runId = executed.runIds[0]!;
    changed = [
      text("drills.changed.planExecuted", {
        planId,
        backfillId: executed.backfillId,
        runId,
        action: stored.plan.recovery_action,
        key,
      }),
    ];
    detail = { planId, backfillId: executed.backfillId, runId };
  } else {
    // Claimed only while the drill is in the state previewed (a worker may have consumed a fault since), then done.
    const claimed = await db.drill.updateMany({ where: { id: drillId, status: drill.status }, data: reverted });
    if (claimed.count === 0)
      return auditRevertRefusal(drillId, operator, refuseRevert(text("drills.revert.stale", { id: drillId })));
    switch (drill.kind) {
      case "move_report_aside": {
        const { from, to } = drillDetail(drill.detail) as { from: string; to: string };
        fs.renameSync(to, from);
        changed = [text("drills.changed.movedBack", { from, to })];
        break;
      }
      case "load_broken_manifest":
        changed = [text("drills.changed.closed")];
        break;
      case "inject_transient_fault":
        changed = [text("drills.changed.disarmed", { asset: drill.assetKey ?? "", key })];
        break;
      default:
        changed = [text("drills.changed.removedFlag", { check: drill.checkName ?? "" })];
    }
  }
  await db.drill.update({
    where: { id: drillId },
    data: {
      detail: JSON.stringify(withTexts({ ...drillDetail(drill.detail), ...detail, reverted: changed })),
    },
  });
  await audit({
    actor: operator,
    action: "drill.revert",
    target: drill.partitionKey ?? `drill ${drillId}`,
    outcome: "ok",
    detail: { drillId, kind: drill.kind, changed },
  });
  return { ok: true, drillId, changed };
}
