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
import { checkRange, type PartitionKey } from "@/lib/domain/partition";
import { loadManifest, type ManifestLoadResult } from "@/lib/pipeline/manifests";
import { displayPath } from "@/lib/pipeline/plans";
import { partitionReportPath } from "@/lib/pipeline/report";
import type { Prisma } from "@/generated/prisma/client";
import { ActiveRunError, queueRun, queueRuns, type RunRequest } from "@/lib/engine/queue";
import type { FaultDetail } from "@/lib/pipeline/drill-hooks";
import { policy } from "@/lib/policy";
import { printable } from "@/lib/domain/text";

export const BROKEN_MANIFEST = path.join(process.cwd(), "prisma", "fixtures", "week06", "manifests", "week06-broken-manifest-003.json");

export type DrillResult = { ok: true; drillId: number; changed: string[] } | { ok: false; message: string };

/** Checks the target a drill needs; returns a refusal message or null. */
function targetProblem(kind: DrillKind, t: DrillTarget): string | null {
  if (kind === "load_broken_manifest") return null;
  if (!t.partitionKey) return `${kind} needs a partition`;
  const range = checkRange(config().partitions, t.partitionKey, t.partitionKey);
  if (!range.ok) return range.message.replace(/^from: /, "partition: ");
  if (kind === "fail_check" || kind === "inject_transient_fault") {
    if (!t.assetKey || !(PARTITIONED_ASSETS as readonly string[]).includes(t.assetKey)) return `${kind} needs an asset: ${PARTITIONED_ASSETS.join(", ")}`;
  }
  if (kind === "fail_check" && (!t.checkName || !(CHECK_NAMES as readonly string[]).includes(t.checkName))) return `fail_check needs a check: ${CHECK_NAMES.join(", ")}`;
  return null;
}

/** A token of exactly what a preview described: Apply must carry the token of the inputs it applies. */
export function previewToken(kind: string, t: DrillTarget): string {
  return crypto.createHash("sha256").update(JSON.stringify([kind, t.partitionKey ?? null, t.assetKey ?? null, t.checkName ?? null])).digest("hex").slice(0, 32);
}

export async function previewDrill(kind: string, t: DrillTarget): Promise<{ ok: true; lines: string[]; token: string } | { ok: false; message: string }> {
  if (!(DRILL_KINDS as readonly string[]).includes(kind)) return { ok: false, message: `unknown drill ${printable(kind)} (expected ${DRILL_KINDS.join(", ")})` };
  const problem = targetProblem(kind as DrillKind, t);
  if (problem) return { ok: false, message: problem };
  if (kind === "move_report_aside" && !fs.existsSync(partitionReportPath(t.partitionKey!))) return { ok: false, message: `move_report_aside: ${t.partitionKey} has no report file to move` };
  return { ok: true, lines: describeDrill(kind as DrillKind, t, t.partitionKey ? displayPath(partitionReportPath(t.partitionKey)) : undefined), token: previewToken(kind, t) };
}

export async function applyDrill(kind: string, t: DrillTarget, operator: string): Promise<DrillResult> {
  const preview = await previewDrill(kind, t);
  if (!preview.ok) {
    await audit({ actor: operator, action: `drill.${kind}`, target: t.partitionKey ?? "-", outcome: "refused", detail: { reason: preview.message } });
    return preview;
  }
  const key = t.partitionKey as PartitionKey;
  let changed: string[];
  let drillId: number;
  switch (kind as DrillKind) {
    case "move_report_aside": {
      const drill = await db.drill.create({ data: { kind, assetKey: REPORT_ASSET, partitionKey: key, status: "applied", operator } });
      const from = partitionReportPath(key);
      const to = `${from}.aside-${drill.id}`;
      fs.renameSync(from, to);
      changed = [`moved ${from} to ${to}`];
      await db.drill.update({ where: { id: drill.id }, data: { detail: JSON.stringify({ from, to }) } });
      drillId = drill.id;
      break;
    }
    case "load_broken_manifest": {
      const drill = await db.drill.create({ data: { kind, status: "applied", operator } });
      const result = await loadBrokenManifest(drill.id, operator);
      changed = [`loaded drill-broken-manifest-${drill.id}: ${result.status}${result.status === "rejected" ? ` (${result.message})` : ""}`];
      await db.drill.update({ where: { id: drill.id }, data: { detail: JSON.stringify({ outcome: result.status, manifestId: result.manifestId }) } });
      drillId = drill.id;
      break;
    }
    case "fail_check": {
      const queued = await withDrillRun({ partitionKey: key, action: "drill", assets: PARTITIONED_ASSETS, operator, priority: 2 }, { kind, assetKey: t.assetKey!, partitionKey: key, checkName: t.checkName!, status: "applied", operator });
      if (!queued.ok) return refuseApply(kind, key, operator, queued.message);
      changed = [`flagged ${t.checkName} of ${t.assetKey} for ${key}`, `queued run ${queued.runId} to rebuild ${key} with the flag in force; its ${t.checkName} check fails`];
      drillId = queued.drillId;
      break;
    }
    case "inject_transient_fault": {
      // Armed for as many attempts as a run retries a step, so the run uses them up and fails: the manual retry applies.
      const fault: FaultDetail = { error: "SQLITE_BUSY: database is locked", remaining: policy().max_retry_attempts };
      const drill = await db.drill.create({ data: { kind, assetKey: t.assetKey!, partitionKey: key, status: "armed", operator, detail: JSON.stringify(fault) } });
      changed = [`armed a transient fault for the next run building ${t.assetKey} of ${key}: its ${fault.remaining} attempts of that step fail`];
      drillId = drill.id;
      break;
    }
    case "corrupt_priorities": {
      const queued = await withDrillRun({ partitionKey: key, action: "drill", assets: [SILVER_ASSET], operator, priority: 2 }, { kind, assetKey: SILVER_ASSET, partitionKey: key, status: "applied", operator });
      if (!queued.ok) return refuseApply(kind, key, operator, queued.message);
      changed = [`queued run ${queued.runId} to rewrite silver of ${key} with priorities nulled (snapshotted first); priority_valid fails`];
      await db.drill.update({ where: { id: queued.drillId }, data: { detail: JSON.stringify({ runId: queued.runId }) } });
      drillId = queued.drillId;
      break;
    }
  }
  await audit({ actor: operator, action: `drill.${kind}`, target: t.partitionKey ?? "-", outcome: "ok", detail: { drillId, changed } });
  return { ok: true, drillId, changed };
}

async function refuseApply(kind: string, key: string, operator: string, message: string): Promise<DrillResult> {
  await audit({ actor: operator, action: `drill.${kind}`, target: key, outcome: "refused", detail: { reason: message } });
  return { ok: false, message };
}

/** The drill and its write (a run queued for a worker; fail_check rebuilds the partition as it is, rows unchanged,
 *  so the checks run with the drill in force), in one transaction: neither without the other. */
async function withDrillRun(req: RunRequest, drill: Prisma.DrillUncheckedCreateInput): Promise<{ ok: true; drillId: number; runId: number } | { ok: false; message: string }> {
  let drillId = 0;
  try {
    const [runId] = await queueRuns([req], async (tx) => {
      drillId = (await tx.drill.create({ data: drill })).id;
      return { drillId };
    });
    return { ok: true, drillId, runId: runId! };
  } catch (e) {
    if (e instanceof ActiveRunError) return { ok: false, message: e.message };
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
export async function applyPreviewedDrill(kind: string, t: DrillTarget, token: string | undefined, operator: string): Promise<DrillResult> {
  if (token !== previewToken(kind, t)) {
    const message = "Preview this drill first: Apply changes exactly the inputs a preview described, and these differ or were not previewed.";
    await audit({ actor: operator, action: `drill.${kind}`, target: t.partitionKey ?? "-", outcome: "refused", detail: { reason: message } });
    return { ok: false, message };
  }
  return applyDrill(kind, t, operator);
}

export async function revertDrill(drillId: number, operator: string): Promise<DrillResult> {
  const drill = await db.drill.findUnique({ where: { id: drillId } });
  const refuse = async (message: string): Promise<DrillResult> => {
    await audit({ actor: operator, action: "drill.revert", target: `drill ${drillId}`, outcome: "refused", detail: { reason: message } });
    return { ok: false, message };
  };
  if (!drill) return refuse(`drill ${drillId} does not exist`);
  if (drill.status === "reverted") return refuse(`drill ${drillId} was already reverted`);
  const key = drill.partitionKey as PartitionKey;
  let changed: string[] = [];
  switch (drill.kind as DrillKind) {
    case "move_report_aside": {
      const { from, to } = JSON.parse(drill.detail) as { from: string; to: string };
      if (drill.status === "resolved" || !fs.existsSync(to)) return refuse(`drill ${drillId}: the report of ${key} was rebuilt since; nothing to put back`);
      fs.renameSync(to, from);
      changed = [`moved ${to} back to ${from}`];
      break;
    }
    case "load_broken_manifest":
      changed = ["closed the drill; the rejected manifest stays recorded"];
      break;
    case "fail_check": {
      // The flag is lifted in the same transaction that queues the rebuild, so the rebuild's checks run without it.
      let runId: number;
      try {
        [runId] = (await queueRuns([{ partitionKey: key, action: "drill", assets: PARTITIONED_ASSETS, operator, drillId, priority: 2 }], async (tx) => {
          await tx.drill.update({ where: { id: drillId }, data: { status: "reverted", revertedAt: new Date(), revertedBy: operator } });
          return {};
        })) as [number];
      } catch (e) {
        if (e instanceof ActiveRunError) return refuse(e.message);
        throw e;
      }
      changed = [`removed the flag on ${drill.checkName}`, `queued run ${runId} to rebuild ${key} so its checks run again`];
      break;
    }
    case "inject_transient_fault":
      if (drill.status !== "armed") return refuse(`drill ${drillId}: the fault was already met by a run; retry ${key} instead`);
      changed = [`disarmed the fault for ${drill.assetKey} of ${key}`];
      break;
    case "corrupt_priorities": {
      const { runId } = JSON.parse(drill.detail) as { runId: number };
      const run = await db.run.findUnique({ where: { id: runId }, select: { status: true } });
      if (run?.status === "queued" || run?.status === "running") return refuse(`drill ${drillId}: its run ${runId} has not finished yet; revert it when it has`);
      const snapshot = await db.snapshot.findFirst({ where: { partitionKey: key, assetKey: SILVER_ASSET, takenBeforeRunId: runId } });
      if (!snapshot) return refuse(`drill ${drillId}: no snapshot was taken before run ${runId}`);
      let restoreId: number;
      try {
        restoreId = await queueRun({ partitionKey: key, action: "restore", assets: [SILVER_ASSET], operator, restoreSnapshotId: snapshot.id, priority: 2 });
      } catch (e) {
        if (e instanceof ActiveRunError) return refuse(e.message);
        throw e;
      }
      changed = [`queued run ${restoreId} to restore silver of ${key} from snapshot ${snapshot.id}`];
      break;
    }
  }
  await db.drill.update({ where: { id: drillId }, data: { status: "reverted", revertedAt: new Date(), revertedBy: operator, detail: JSON.stringify({ ...JSON.parse(drill.detail), reverted: changed }) } });
  await audit({ actor: operator, action: "drill.revert", target: key ?? `drill ${drillId}`, outcome: "ok", detail: { drillId, kind: drill.kind, changed } });
  return { ok: true, drillId, changed };
}
