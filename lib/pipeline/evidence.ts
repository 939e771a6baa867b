// Writes a run's evidence: the JSON document (validated against its contract) under
// WEEK06_REPORT_DIR/evidence/, and its row in the store. Evidence is written once per run and never changed.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runEvidenceSchema, type RunEvidence } from "@/contracts/run_evidence";
import { evidenceSecret } from "@/lib/auth/secret";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { IDEMPOTENCY_GUARD } from "@/lib/domain/guard";
import { partitionWindow, type PartitionKey } from "@/lib/domain/partition";
import { toJson, writeFileAtomic } from "@/lib/files";
import { text, type Text } from "@/lib/i18n/text";
import { manifestIds as readManifestIds, rowDiff } from "@/lib/store-json";

export function evidencePath(runId: number): string {
  return path.join(config().reportDir, "evidence", `run_evidence_${runId}.json`);
}

/**
 * The evidence MAC: HMAC-SHA256 of the stored document under EVIDENCE_SECRET, kept beside it. The document's own
 * sha256 proves it is whole; this proves nobody rewrote document and hash together in the store.
 */
export function evidenceMac(document: string): string {
  return crypto.createHmac("sha256", evidenceSecret()).update(document).digest("hex");
}

export function evidenceSha256(doc: Omit<RunEvidence, "sha256">): string {
  return crypto.createHash("sha256").update(JSON.stringify(doc)).digest("hex");
}

export interface RunOutcome {
  status: RunEvidence["status"];
  error: string | null;
  finishedAt: Date;
}

/**
 * A run's evidence document, as it will be once the run is recorded with `outcome`. Built and written *before*
 * the run is marked finished, so a finished run always has its evidence (or failed because it could not).
 */
export async function buildEvidence(
  runId: number,
  outcome: RunOutcome,
): Promise<{ evidence: RunEvidence; document: string; path: string }> {
  const run = await db.run.findUniqueOrThrow({
    where: { id: runId },
    include: { materializations: { orderBy: { id: "asc" } }, checks: { orderBy: { id: "asc" } } },
  });
  const manifestIds = [
    ...new Set(
      run.materializations.filter((m) => m.status !== "reverted").flatMap((m) => readManifestIds(m.manifestIds)),
    ),
  ].sort();
  const manifests = await db.manifest.findMany({
    where: { manifestId: { in: manifestIds }, status: "valid" },
    include: { files: { orderBy: { id: "asc" } } },
    orderBy: { manifestId: "asc" },
  });
  const key = run.partitionKey as PartitionKey;
  const plan = run.planId ? await db.plan.findUnique({ where: { id: run.planId }, select: { planHash: true } }) : null;
  const body: Omit<RunEvidence, "sha256"> = {
    evidence_version: 2,
    run_id: run.id,
    action: run.action as RunEvidence["action"],
    mode: "execute",
    status: outcome.status,
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
    backfill_id: run.backfillId,
    worker_id: run.workerId,
    assets: run.materializations.map((m) => ({
      asset: m.assetKey,
      attempt: m.attempt,
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
    empty_input_attestation: run.emptyInputAttestation,
    diffs: run.materializations
      .filter((m) => m.status === "succeeded" && m.diff !== null)
      .map((m) => {
        const d = rowDiff(m.diff!);
        return {
          asset: m.assetKey,
          added: d.added,
          removed: d.removed,
          changed: d.changed,
          unchanged: d.unchanged,
          fields_changed: d.fields_changed,
        };
      }),
    error: outcome.error,
    operator: run.operator,
    started_at: (run.startedAt ?? run.queuedAt).toISOString(),
    finished_at: outcome.finishedAt.toISOString(),
  };
  const evidence = runEvidenceSchema.parse({ ...body, sha256: evidenceSha256(body) });
  return { evidence, document: toJson(evidence), path: evidencePath(run.id) };
}

/** Writes the evidence file, whole or not at all, read-only. Throws when the disk refuses (full, not writable). */
export function writeEvidenceFile(file: string, document: string): void {
  writeFileAtomic(file, document);
  // Evidence is immutable once written: read-only on disk, and its sha256 is verified before any review.
  fs.chmodSync(file, 0o444);
}

/**
 * Whether the evidence file on disk is still exactly what was recorded — and if so, the document itself: what a
 * review decides from, since the rows it summarizes (Run.operator, CheckResult.passed…) carry no MAC.
 */
export function evidenceIntact(evidence: {
  path: string;
  sha256: string;
  document: string;
  hmac: string;
}): { ok: true; document: RunEvidence } | { ok: false; problem: Text } {
  const mac = Buffer.from(evidenceMac(evidence.document));
  const stored = Buffer.from(evidence.hmac);
  if (mac.length !== stored.length || !crypto.timingSafeEqual(mac, stored))
    return { ok: false, problem: text("review.macMismatch") };
  if (!fs.existsSync(evidence.path)) return { ok: false, problem: text("review.fileMissing", { path: evidence.path }) };
  const onDisk = fs.readFileSync(evidence.path, "utf8");
  if (onDisk !== evidence.document) return { ok: false, problem: text("review.fileChanged") };
  const parsed = runEvidenceSchema.safeParse(JSON.parse(onDisk));
  if (!parsed.success) return { ok: false, problem: text("review.schemaMismatch") };
  const { sha256, ...body } = parsed.data;
  if (sha256 !== evidence.sha256 || evidenceSha256(body) !== sha256)
    return { ok: false, problem: text("review.shaMismatch") };
  return { ok: true, document: parsed.data };
}

/** Builds, writes and records the evidence of a run that is already recorded as finished (interrupted runs,
 *  the benchmark's derived builds). Throws when the file cannot be written; the row is then not created. */
export async function recordEvidence(runId: number, outcome: RunOutcome): Promise<RunEvidence> {
  const built = await buildEvidence(runId, outcome);
  writeEvidenceFile(built.path, built.document);
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { partitionKey: true } });
  await db.evidence.upsert({
    where: { runId },
    create: {
      runId,
      partitionKey: run.partitionKey,
      path: built.path,
      sha256: built.evidence.sha256,
      hmac: evidenceMac(built.document),
      document: built.document,
    },
    update: {
      path: built.path,
      sha256: built.evidence.sha256,
      hmac: evidenceMac(built.document),
      document: built.document,
    },
  });
  return built.evidence;
}
