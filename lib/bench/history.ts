// The history a store accumulates over years, so scale bugs show up where users meet them: earlier runs of every
// partition (with their steps, checks, evidence documents and files, reviews approved, rejected or pending) and a
// long audit trail. Written in batches straight into the store — the same tables, rows and
// evidence documents the engine writes (the documents valid against their contract) — *before* the partitions
// are built for real, so everything here is older than, and superseded by, the builds that decide statuses.
import fs from "node:fs";
import path from "node:path";
import { runEvidenceSchema, type RunEvidence } from "@/contracts/run_evidence";
import { PARTITIONED_ASSETS } from "@/lib/domain/assets";
import { CHECK_NAMES } from "@/lib/domain/checks";
import { IDEMPOTENCY_GUARD } from "@/lib/domain/guard";
import { partitionWindow, type PartitionKey } from "@/lib/domain/partition";
import { evidenceMac, evidencePath, evidenceSha256 } from "@/lib/pipeline/evidence";
import { signReview } from "@/lib/read-model/approvals";
import { toJson } from "@/lib/files";
import { statement, writeTransaction } from "@/lib/sqlite";

const ACTIONS = ["scheduled", "scheduled", "scheduled", "rerun", "retry", "replay", "backfill", "restore"] as const;
const OPERATORS = ["scheduler", "operator@example.com", "lead@example.com", "oncall@example.com"];
const AUDIT_KINDS: [
  action: string,
  outcome: string,
  actor: (r: () => number) => string,
  target: (key: string) => string,
][] = [
  ["session.sign_in", "ok", (r) => OPERATORS[1 + Math.floor(r() * 3)]!, () => "session"],
  ["session.sign_in", "refused", () => "anonymous", () => "session"],
  ["consumption.read", "ok", (r) => (r() < 0.5 ? "week07" : "week08"), (k) => k],
  ["plan.create", "ok", (r) => OPERATORS[1 + Math.floor(r() * 3)]!, (k) => k],
  ["plan.create", "refused", (r) => OPERATORS[1 + Math.floor(r() * 3)]!, (k) => k],
  ["authorize.execute", "refused", () => "viewer@example.com", (k) => `plan for ${k}`],
  ["run.scheduled", "ok", () => "scheduler", (k) => k],
  ["review.approved", "ok", () => "reviewer@example.com", (k) => k],
];

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export interface HistoryOptions {
  keys: PartitionKey[];
  /** Earlier runs per partition. */
  runsPerPartition: number;
  auditEvents: number;
  random: () => number;
  log?: (line: string) => void;
}

/** Audit events spread evenly over the partitions' years, oldest first (ids follow time). */
function writeAudit(o: HistoryOptions): Promise<void> {
  const start = Date.parse(`${o.keys[0]}T00:00:00Z`);
  const span = Date.parse(`${o.keys.at(-1)}T23:59:59Z`) - start;
  const insert = statement(
    `INSERT INTO "AuditEvent" ("at", "actor", "action", "target", "outcome", "detail") VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const batches: Promise<void>[] = [];
  const BATCH = 20_000;
  for (let from = 0; from < o.auditEvents; from += BATCH) {
    const rows: unknown[][] = [];
    for (let i = from; i < Math.min(o.auditEvents, from + BATCH); i++) {
      const [action, outcome, actor, target] = AUDIT_KINDS[Math.floor(o.random() * AUDIT_KINDS.length)]!;
      const key = o.keys[Math.floor((i / o.auditEvents) * o.keys.length)]!;
      rows.push([
        iso(start + Math.floor((i / o.auditEvents) * span)),
        actor(o.random),
        action,
        target(key),
        outcome,
        outcome === "refused" ? JSON.stringify({ reason: "generated history" }) : "{}",
      ]);
    }
    batches.push(writeTransaction(() => void rows.forEach((r) => insert.run(...r))));
  }
  return Promise.all(batches).then(() => undefined);
}

/** Earlier runs of each partition, each with its three steps, checks, evidence (document and file) and review. */
async function writeRuns(o: HistoryOptions): Promise<number> {
  const run = statement(
    `INSERT INTO "Run" ("action", "mode", "partitionKey", "targetAssets", "status", "attempt", "operator", "expectedCount", "rowsBefore", "rowsAfter", "error", "errorKind", "stepsDone", "rowsDone", "queuedAt", "startedAt", "finishedAt", "workerId")
     VALUES (?, 'execute', ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'history')`,
  );
  const step = statement(
    `INSERT INTO "Materialization" ("runId", "assetKey", "partitionKey", "status", "attempt", "manifestIds", "fingerprint", "rowsBefore", "rowsAfter", "error", "startedAt", "finishedAt") VALUES (?, ?, ?, ?, 1, '[]', '', ?, ?, ?, ?, ?)`,
  );
  const check = statement(
    `INSERT INTO "CheckResult" ("runId", "materializationId", "assetKey", "partitionKey", "name", "severity", "passed", "observed", "expected", "message", "checkedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const evidence = statement(
    `INSERT INTO "Evidence" ("runId", "partitionKey", "path", "sha256", "hmac", "document", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const review = statement(
    `INSERT INTO "Review" ("evidenceId", "reviewer", "decision", "reason", "createdAt", "signature") VALUES (?, ?, ?, ?, ?, ?)`,
  );
  let runs = 0;
  for (const key of o.keys) {
    const day = Date.parse(`${key}T02:00:00Z`);
    const files: [string, string][] = [];
    await writeTransaction(() => {
      for (let n = 0; n < o.runsPerPartition; n++) {
        const at = day + n * 3_600_000;
        const action = ACTIONS[Math.floor(o.random() * ACTIONS.length)]!;
        const operator = action === "scheduled" ? "scheduler" : OPERATORS[1 + Math.floor(o.random() * 3)]!;
        const failedAt = o.random() < 0.08 ? Math.floor(o.random() * 3) : -1;
        const status = failedAt >= 0 ? "failed" : "succeeded";
        const rows = 20 + Math.floor(o.random() * 300);
        const error = failedAt >= 0 ? "SQLITE_BUSY: database is locked (after 3 attempts)" : null;
        const steps = failedAt >= 0 ? failedAt + 1 : PARTITIONED_ASSETS.length;
        const runId = Number(
          run.run(
            action,
            key,
            JSON.stringify(PARTITIONED_ASSETS),
            status,
            operator,
            rows,
            0,
            status === "succeeded" ? rows : null,
            error,
            error ? "transient" : null,
            failedAt >= 0 ? failedAt : 3,
            rows,
            iso(at),
            iso(at + 1000),
            iso(at + 60_000),
          ).lastInsertRowid,
        );
        runs += 1;
        const assets: RunEvidence["assets"] = [];
        const checks: RunEvidence["checks"] = [];
        for (let s = 0; s < steps; s++) {
          const asset = PARTITIONED_ASSETS[s]!;
          const failed = s === failedAt;
          const m = Number(
            step.run(
              runId,
              asset,
              key,
              failed ? "failed" : "succeeded",
              0,
              failed ? null : rows,
              failed ? error : null,
              iso(at + 1000 + s * 1000),
              iso(at + 2000 + s * 1000),
            ).lastInsertRowid,
          );
          assets.push({
            asset,
            attempt: 1,
            status: failed ? "failed" : "succeeded",
            rows_before: 0,
            rows_after: failed ? null : rows,
            error: failed ? error : null,
          });
          if (failed) continue;
          for (const name of CHECK_NAMES.slice(0, 5)) {
            const passed = !(name === "priority_valid" && o.random() < 0.03);
            check.run(
              runId,
              m,
              asset,
              key,
              name,
              "blocking",
              passed ? 1 : 0,
              passed ? String(rows) : "1 invalid",
              String(rows),
              passed ? "as expected" : "1 row has an invalid priority",
              iso(at + 2000 + s * 1000),
            );
            checks.push({
              asset,
              name,
              severity: "blocking",
              passed,
              observed: passed ? String(rows) : "1 invalid",
              expected: String(rows),
              message: passed ? "as expected" : "1 row has an invalid priority",
            });
          }
        }
        const body: Omit<RunEvidence, "sha256"> = {
          evidence_version: 1,
          run_id: runId,
          action,
          mode: "execute",
          status,
          attempt: 1,
          retry_of_run_id: null,
          partition_key: key,
          ...partitionWindow(key),
          plan_id: null,
          plan_hash: null,
          idempotency_guard: IDEMPOTENCY_GUARD,
          manifests: [],
          expected_input_count: rows,
          backfill_id: null,
          worker_id: "history",
          assets,
          checks,
          error,
          operator,
          started_at: new Date(at + 1000).toISOString(),
          finished_at: new Date(at + 60_000).toISOString(),
        };
        const parsed = runEvidenceSchema.parse({ ...body, sha256: evidenceSha256(body) });
        const document = toJson(parsed);
        const file = evidencePath(runId);
        const evidenceId = Number(
          evidence.run(runId, key, file, parsed.sha256, evidenceMac(document), document, iso(at + 60_000))
            .lastInsertRowid,
        );
        files.push([file, document]);
        const r = o.random();
        if (status === "succeeded" && operator !== "reviewer@example.com" && r < 0.8) {
          const decision = r < 0.7 ? "approved" : "rejected";
          const decidedAt = new Date(at + 3_600_000);
          review.run(
            evidenceId,
            "reviewer@example.com",
            decision,
            r < 0.7 ? null : "counts did not match the upstream export",
            iso(decidedAt.getTime()),
            signReview({
              evidenceId,
              evidenceSha256: parsed.sha256,
              reviewer: "reviewer@example.com",
              decision,
              decidedAt,
            }),
          );
        }
      }
    });
    for (const [file, document] of files) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, document, { mode: 0o444 });
    }
  }
  return runs;
}

export async function writeHistory(o: HistoryOptions): Promise<{ runs: number; auditEvents: number }> {
  await writeAudit(o);
  o.log?.(`history: ${o.auditEvents.toLocaleString("en")} audit events`);
  const runs = await writeRuns(o);
  o.log?.(`history: ${runs.toLocaleString("en")} earlier runs with steps, checks, evidence and reviews`);
  return { runs, auditEvents: o.auditEvents };
}
