// Safe drills: audited, reversible ways to create a gap for practice. None deletes or truncates a main table;
// the worst (corrupt_priorities) is an ordinary partition write, snapshotted first so restore can undo it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { audit } from "@/lib/audit";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { PARTITIONED_ASSETS, REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import { CHECK_NAMES } from "@/lib/domain/checks";
import { DRILL_KINDS, describeDrill, type DrillKind, type DrillTarget } from "@/lib/domain/drills";
import { checkRange, partitionKeyProblemText, type PartitionKey } from "@/lib/domain/partition";
import { loadManifest, type ManifestLoadResult } from "@/lib/pipeline/manifests";
import { displayPath } from "@/lib/files";
import { partitionReportPath } from "@/lib/pipeline/report";
import type { Prisma } from "@/generated/prisma/client";
import { ActiveRunError, queueRun, queueRuns, type RunRequest } from "@/lib/engine/queue";
import type { FaultDetail } from "@/lib/pipeline/drill-hooks";
import { policy } from "@/lib/policy";
import { printable } from "@/lib/domain/text";
import { text, told, withTexts, type Text } from "@/lib/i18n/text";
import { drillDetail } from "@/lib/store-json";
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

export async function revertDrill(drillId: number, operator: string): Promise<DrillResult> {
  const drill = await db.drill.findUnique({ where: { id: drillId } });
  const refuse = async (why: Text): Promise<DrillResult> => {
    const refused = no(why);
    await audit({
      actor: operator,
      action: "drill.revert",
      target: `drill ${drillId}`,
      outcome: "refused",
      detail: { reason: refused.text },
    });
    return refused;
  };
  if (!drill) return refuse(text("drills.notFound", { id: drillId }));
  if (drill.status === "reverted") return refuse(text("drills.alreadyReverted", { id: drillId }));
  const key = drill.partitionKey as PartitionKey;
  let changed: Text[] = [];
  switch (drill.kind as DrillKind) {
    case "move_report_aside": {
      const { from, to } = drillDetail(drill.detail) as { from: string; to: string };
      if (drill.status === "resolved" || !fs.existsSync(to))
        return refuse(text("drills.reportRebuilt", { id: drillId, key }));
      fs.renameSync(to, from);
      changed = [text("drills.changed.movedBack", { from, to })];
      break;
    }
    case "load_broken_manifest":
      changed = [text("drills.changed.closed")];
      break;
    case "fail_check": {
      // The flag is lifted in the same transaction that queues the rebuild, so the rebuild's checks run without it.
      let runId: number;
      try {
        [runId] = (await queueRuns(
          [{ partitionKey: key, action: "drill", assets: PARTITIONED_ASSETS, operator, drillId, priority: 2 }],
          async (tx) => {
            await tx.drill.update({
              where: { id: drillId },
              data: { status: "reverted", revertedAt: new Date(), revertedBy: operator },
            });
            return {};
          },
        )) as [number];
      } catch (e) {
        if (e instanceof ActiveRunError) return refuse(e.text);
        throw e;
      }
      changed = [
        text("drills.changed.removedFlag", { check: drill.checkName ?? "" }),
        text("drills.changed.queuedRebuild", { runId, key }),
      ];
      break;
    }
    case "inject_transient_fault":
      if (drill.status !== "armed") return refuse(text("drills.faultMet", { id: drillId, key }));
      changed = [text("drills.changed.disarmed", { asset: drill.assetKey ?? "", key })];
      break;
    case "corrupt_priorities": {
      const { runId } = drillDetail(drill.detail) as { runId: number };
      const run = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
      if (run?.status === "queued" || run?.status === "running")
        return refuse(text("drills.runNotFinished", { id: drillId, runId }));
      const snapshot = await db.snapshot.findFirst({
        where: { partitionKey: key, assetKey: SILVER_ASSET, takenBeforeRunId: runId },
      });
      if (!snapshot) return refuse(text("drills.noSnapshot", { id: drillId, runId }));
      let restoreId: number;
      try {
        restoreId = await queueRun({
          partitionKey: key,
          action: "restore",
          assets: [SILVER_ASSET],
          operator,
          restoreSnapshotId: snapshot.id,
          priority: 2,
        });
      } catch (e) {
        if (e instanceof ActiveRunError) return refuse(e.text);
        throw e;
      }
      changed = [text("drills.changed.queuedRestore", { runId: restoreId, key, snapshotId: snapshot.id })];
      break;
    }
  }
  await db.drill.update({
    where: { id: drillId },
    data: {
      status: "reverted",
      revertedAt: new Date(),
      revertedBy: operator,
      detail: JSON.stringify(withTexts({ ...drillDetail(drill.detail), reverted: changed })),
    },
  });
  await audit({
    actor: operator,
    action: "drill.revert",
    target: key ?? `drill ${drillId}`,
    outcome: "ok",
    detail: { drillId, kind: drill.kind, changed },
  });
  return { ok: true, drillId, changed };
}
