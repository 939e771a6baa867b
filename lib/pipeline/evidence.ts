// Writes a run's evidence: the JSON document (validated against its contract) under
// WEEK06_REPORT_DIR/evidence/, and its row in the store. Evidence is written once per run and never changed.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runEvidenceSchema, type RunEvidence } from "@/contracts/run_evidence";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { IDEMPOTENCY_GUARD } from "@/lib/domain/guard";
import { partitionWindow, type PartitionKey } from "@/lib/domain/partition";
import { toJson, writeFileAtomic } from "@/lib/files";

export function evidencePath(runId: number): string {
  return path.join(config().reportDir, "evidence", `run_evidence_${runId}.json`);
}

export function evidenceSha256(doc: Omit<RunEvidence, "sha256">): string {
  return crypto.createHash("sha256").update(JSON.stringify(doc)).digest("hex");
}

export async function writeEvidence(runId: number): Promise<RunEvidence> {
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    include: { materializations: { orderBy: { id: "asc" } }, checks: { orderBy: { id: "asc" } } },
  });
  const manifestIds = [...new Set(run.materializations.flatMap((m) => JSON.parse(m.manifestIds) as string[]))].sort();
  const manifests = await db.manifest.findMany({
    where: { manifestId: { in: manifestIds }, status: "valid" },
    include: { files: { orderBy: { id: "asc" } } },
    orderBy: { manifestId: "asc" },
  });
  const key = run.partitionKey as PartitionKey;
  const plan = run.planId ? await db.plan.findUnique({ where: { id: run.planId }, select: { planHash: true } }) : null;
  const body: Omit<RunEvidence, "sha256"> = {
    evidence_version: 1,
    run_id: run.id,
    action: run.action as RunEvidence["action"],
    mode: "execute",
    status: run.status as RunEvidence["status"],
    attempt: run.attempt,
    retry_of_run_id: run.retryOfRunId,
    partition_key: key,
    ...partitionWindow(key),
    plan_id: run.planId,
    plan_hash: plan?.planHash ?? null,
    idempotency_guard: IDEMPOTENCY_GUARD,
    manifests: manifests.map((m) => ({
      manifest_id: m.manifestId!,
      sha256: m.contentSha256,
      files: m.files.map((f) => ({ path: f.path, sha256: f.sha256, record_count: f.recordCount })),
    })),
    expected_input_count: run.expectedCount ?? 0,
    assets: run.materializations.map((m) => ({
      asset: m.assetKey,
      status: m.status as RunEvidence["assets"][number]["status"],
      rows_before: m.rowsBefore,
      rows_after: m.rowsAfter,
      error: m.error,
    })),
    checks: run.checks.map((c) => ({
      asset: c.assetKey,
      name: c.name,
      severity: c.severity as "blocking" | "warning",
      passed: c.passed,
      observed: c.observed,
      expected: c.expected,
      message: c.message,
    })),
    error: run.error,
    operator: run.operator,
    started_at: (run.startedAt ?? run.queuedAt).toISOString(),
    finished_at: (run.finishedAt ?? new Date()).toISOString(),
  };
  const evidence = runEvidenceSchema.parse({ ...body, sha256: evidenceSha256(body) });
  const file = evidencePath(run.id);
  const document = toJson(evidence);
  writeFileAtomic(file, document);
  // Evidence is immutable once written: read-only on disk, and its sha256 is verified before any review.
  fs.chmodSync(file, 0o444);
  await db.evidence.create({
    data: { runId: run.id, partitionKey: key, path: file, sha256: evidence.sha256, document },
  });
  return evidence;
}

/** Whether the evidence file on disk is still exactly what was recorded. */
export function evidenceIntact(evidence: { path: string; sha256: string; document: string }): { ok: boolean; problem?: string } {
  if (!fs.existsSync(evidence.path)) return { ok: false, problem: `the evidence file ${evidence.path} is missing` };
  const onDisk = fs.readFileSync(evidence.path, "utf8");
  if (onDisk !== evidence.document) return { ok: false, problem: "the evidence file was changed after it was written" };
  const parsed = runEvidenceSchema.safeParse(JSON.parse(onDisk));
  if (!parsed.success) return { ok: false, problem: "the evidence file no longer matches its schema" };
  const { sha256, ...body } = parsed.data;
  if (sha256 !== evidence.sha256 || evidenceSha256(body) !== sha256) return { ok: false, problem: "the evidence file's sha256 does not match its content" };
  return { ok: true };
}
