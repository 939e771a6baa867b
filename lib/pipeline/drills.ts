// Safe drills: audited ways to create a gap for practice. None of them deletes or truncates a main table;
// the worst one (corrupt_priorities) is an ordinary partition write, snapshotted first so restore can undo it.
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { SILVER_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { loadManifest, type ManifestLoadResult } from "@/lib/pipeline/manifests";
import { executeRun, type RunSummary } from "@/lib/pipeline/run";

/** The next run that builds (asset, partition) fails at that step with a transient error. */
export async function injectTransientFault(input: { assetKey: string; partitionKey: PartitionKey; operator: string; error?: string }) {
  const error = input.error ?? "SQLITE_BUSY: database is locked";
  const drill = await db.drill.create({
    data: { kind: "inject_transient_fault", assetKey: input.assetKey, partitionKey: input.partitionKey, status: "armed", detail: JSON.stringify({ error }), operator: input.operator },
  });
  await audit({ actor: input.operator, action: "drill.inject_transient_fault", target: input.partitionKey, outcome: "ok", detail: { drillId: drill.id, assetKey: input.assetKey, error } });
  return drill;
}

/** A bad write: silver for the partition is rewritten with every priority nulled. Checks quarantine it. */
export async function corruptPriorities(input: { partitionKey: PartitionKey; operator: string }): Promise<RunSummary> {
  const drill = await db.drill.create({
    data: { kind: "corrupt_priorities", assetKey: SILVER_ASSET, partitionKey: input.partitionKey, status: "applied", operator: input.operator },
  });
  const run = await executeRun({ partitionKey: input.partitionKey, action: "drill", assets: [SILVER_ASSET], operator: input.operator });
  await db.drill.update({ where: { id: drill.id }, data: { detail: JSON.stringify({ runId: run.runId }) } });
  await audit({ actor: input.operator, action: "drill.corrupt_priorities", target: input.partitionKey, outcome: "ok", detail: { drillId: drill.id, runId: run.runId } });
  return run;
}

/** Loads a deliberately broken manifest: it must be rejected, recorded, and change nothing else. */
export async function loadBrokenManifest(input: { manifestFile: string; operator: string }): Promise<ManifestLoadResult> {
  const result = await loadManifest(input.manifestFile, { operator: input.operator });
  await db.drill.create({
    data: { kind: "load_broken_manifest", status: "applied", operator: input.operator, detail: JSON.stringify({ file: input.manifestFile, outcome: result.status }) },
  });
  return result;
}
