// The run executor: materializes the target assets of one partition in build order. Each asset's write is
// one transaction (snapshot of the rows it replaces, then the guarded upsert), followed by its checks. A
// failing step stops the run; what was committed before it stays, and the next attempt rebuilds idempotently.
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { RAW_ASSET, REPORT_ASSET, SILVER_ASSET, type PartitionedAsset } from "@/lib/domain/assets";
import { blockingFailed, runChecks, type CheckOutcome, type PartitionFacts } from "@/lib/domain/checks";
import { applyGuard, normalisePriority } from "@/lib/domain/guard";
import type { PartitionKey } from "@/lib/domain/partition";
import { manifestFingerprint } from "@/lib/domain/status";
import { partitionInput, type CoveringManifest, type PartitionInput } from "@/lib/queries/inputs";
import { writeEvidence } from "@/lib/pipeline/evidence";
import { buildPartitionReport, readReportTicketCount, writePartitionReport } from "@/lib/pipeline/report";
import { canonicalRows, readPartitionRows, replacePartitionRows, type PartitionTable, type Tx } from "@/lib/pipeline/store";
import type { TicketEvent } from "@/contracts/manifest";

export type RunAction = "scheduled" | "retry" | "rerun" | "replay" | "backfill" | "restore" | "drill";

/** A fault that is expected to go away on its own: the run may be retried as it is. */
export class TransientFault extends Error {}

export interface RunRequest {
  partitionKey: PartitionKey;
  action: RunAction;
  assets: readonly PartitionedAsset[];
  operator: string;
  attempt?: number;
  retryOfRunId?: number;
  planId?: string;
  /** Drills only: write silver with every priority nulled (a deliberately bad write). */
  corruptPriorities?: boolean;
}

export interface RunSummary {
  runId: number;
  status: "succeeded" | "failed";
  partitionKey: string;
  error: string | null;
  checksFailed: number;
}

interface StepResult {
  rowsBefore: number;
  rowsAfter: number;
  facts: PartitionFacts;
  manifestIds: string[];
  fingerprint: string;
}

async function countRows(tx: Tx, table: PartitionTable, partitionKey: string): Promise<{ rows: number; tickets: number }> {
  const [r] = await tx.$queryRawUnsafe<{ rows: bigint | number; tickets: bigint | number }[]>(
    `SELECT COUNT(*) AS rows, COUNT(DISTINCT "ticketId") AS tickets FROM "${table}" WHERE "partitionKey" = ?`,
    partitionKey,
  );
  return { rows: Number(r?.rows ?? 0), tickets: Number(r?.tickets ?? 0) };
}

/** Snapshot + guarded upsert in one transaction. A snapshot is taken only when the rows actually change. */
async function writePartition(table: PartitionTable, assetKey: string, key: PartitionKey, rows: Record<string, unknown>[], runId: number) {
  return db.$transaction(async (tx) => {
    const before = await readPartitionRows(tx, table, key);
    const same = canonicalRows(table, before) === canonicalRows(table, rows);
    if (before.length > 0 && !same) {
      // Whether the rows being replaced had passed their checks: restore returns only to trusted rows.
      const previous = await tx.materialization.findFirst({
        where: { assetKey, partitionKey: key, status: "succeeded", runId: { not: runId } },
        orderBy: { id: "desc" },
        select: { _count: { select: { checks: { where: { severity: "blocking", passed: false } } } } },
      });
      await tx.snapshot.create({
        data: {
          assetKey,
          partitionKey: key,
          takenBeforeRunId: runId,
          rowCount: before.length,
          rows: JSON.stringify(before),
          checksPassed: (previous?._count.checks ?? 0) === 0,
        },
      });
    }
    if (!same) await replacePartitionRows(tx, table, key, rows, runId);
    return { rowsBefore: before.length, ...(await countRows(tx, table, key)) };
  });
}

async function buildRaw(key: PartitionKey, runId: number, input: PartitionInput): Promise<StepResult> {
  const byPk = new Map<number, CoveringManifest>(input.manifests.map((m) => [m.pk, m]));
  const records = await db.manifestRecord.findMany({
    where: { partitionKey: key, manifestPk: { in: [...byPk.keys()] } },
    select: { manifestPk: true, ticketId: true, eventId: true, eventTimeUtc: true, payload: true },
  });
  const guarded = applyGuard(records.map((r) => ({ ...r, partitionKey: key })));
  const rows = guarded.map((r) => {
    const e = JSON.parse(r.payload) as TicketEvent;
    return {
      ticketId: e.ticket_id,
      partitionKey: key,
      eventId: e.event_id,
      eventType: e.event_type,
      eventTime: e.event_time,
      eventTimeUtc: r.eventTimeUtc,
      customerId: e.customer_id,
      channel: e.channel,
      productLine: e.product_line,
      priority: e.priority,
      subject: e.subject,
      firstResponseMinutes: e.first_response_minutes,
      manifestId: byPk.get(r.manifestPk)!.manifestId,
    };
  });
  const written = await writePartition("RawTicketEvent", RAW_ASSET, key, rows, runId);
  return {
    rowsBefore: written.rowsBefore,
    rowsAfter: written.rows,
    facts: { assetKey: RAW_ASSET, expectedInputCount: input.expectedInputCount, rowCount: written.rows, distinctTickets: written.tickets },
    manifestIds: input.manifests.map((m) => m.manifestId),
    fingerprint: input.fingerprint,
  };
}

/** Silver is built from raw, so it reflects whatever manifests raw reflects. */
async function rawLineage(key: PartitionKey): Promise<{ manifestIds: string[]; fingerprint: string }> {
  const latest = await db.materialization.findFirst({
    where: { assetKey: RAW_ASSET, partitionKey: key, status: "succeeded" },
    orderBy: { id: "desc" },
    select: { manifestIds: true, fingerprint: true },
  });
  return latest ? { manifestIds: JSON.parse(latest.manifestIds) as string[], fingerprint: latest.fingerprint } : { manifestIds: [], fingerprint: manifestFingerprint([]) };
}

async function buildSilver(key: PartitionKey, runId: number, input: PartitionInput, corrupt: boolean): Promise<StepResult> {
  const raw = await db.rawTicketEvent.findMany({ where: { partitionKey: key }, orderBy: { ticketId: "asc" } });
  const rows = raw.map((r) => ({
    ticketId: r.ticketId,
    partitionKey: key,
    eventId: r.eventId,
    eventType: r.eventType,
    eventTimeUtc: r.eventTimeUtc,
    customerId: r.customerId,
    channel: r.channel,
    productLine: r.productLine,
    priority: corrupt ? null : normalisePriority(r.priority),
    subject: r.subject,
    firstResponseMinutes: r.firstResponseMinutes,
  }));
  const written = await writePartition("SilverTicketFact", SILVER_ASSET, key, rows, runId);
  const [invalid] = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT COUNT(*) AS n FROM "SilverTicketFact"
    WHERE "partitionKey" = ${key} AND ("priority" IS NULL OR "priority" NOT IN ('P1', 'P2', 'P3', 'P4'))`;
  return {
    rowsBefore: written.rowsBefore,
    rowsAfter: written.rows,
    facts: {
      assetKey: SILVER_ASSET,
      expectedInputCount: input.expectedInputCount,
      rowCount: written.rows,
      distinctTickets: written.tickets,
      invalidPriorityCount: Number(invalid?.n ?? 0),
    },
    ...(await rawLineage(key)),
  };
}

async function buildReport(key: PartitionKey, input: PartitionInput): Promise<StepResult> {
  const lineage = await rawLineage(key);
  const silver = await db.silverTicketFact.findMany({
    where: { partitionKey: key },
    select: { priority: true, channel: true, eventType: true },
  });
  const rowsBefore = readReportTicketCount(key) ?? 0;
  writePartitionReport(buildPartitionReport(key, lineage.manifestIds, silver));
  const reported = readReportTicketCount(key);
  return {
    rowsBefore,
    rowsAfter: reported ?? 0,
    facts: {
      assetKey: REPORT_ASSET,
      expectedInputCount: input.expectedInputCount,
      rowCount: reported ?? 0,
      distinctTickets: reported ?? 0,
      reportTicketCount: reported,
      silverRowCount: silver.length,
    },
    ...lineage,
  };
}

/** Consumes a transient fault a drill armed for this (asset, partition), if any. */
async function injectedFault(assetKey: string, key: PartitionKey): Promise<string | null> {
  const drill = await db.drill.findFirst({
    where: { kind: "inject_transient_fault", assetKey, partitionKey: key, status: "armed" },
    orderBy: { id: "asc" },
  });
  if (!drill) return null;
  await db.drill.update({ where: { id: drill.id }, data: { status: "consumed", consumedAt: new Date() } });
  return (JSON.parse(drill.detail) as { error?: string }).error ?? "SQLITE_BUSY: database is locked";
}

async function recordChecks(runId: number, materializationId: number, key: PartitionKey, assetKey: string, checks: CheckOutcome[]) {
  await db.checkResult.createMany({
    data: checks.map((c) => ({ runId, materializationId, assetKey, partitionKey: key, ...c })),
  });
}

function isTransient(error: unknown): boolean {
  if (error instanceof TransientFault) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /SQLITE_BUSY|database is locked/i.test(message);
}

export async function executeRun(req: RunRequest): Promise<RunSummary> {
  const key = req.partitionKey;
  const input = await partitionInput(key);
  const run = await db.run.create({
    data: {
      action: req.action,
      partitionKey: key,
      targetAssets: JSON.stringify(req.assets),
      status: "running",
      attempt: req.attempt ?? 1,
      retryOfRunId: req.retryOfRunId ?? null,
      operator: req.operator,
      planId: req.planId ?? null,
      expectedCount: input.expectedInputCount,
      startedAt: new Date(),
    },
  });

  let error: string | null = null;
  let errorKind: "transient" | "permanent" | null = null;
  let checksFailed = 0;
  let firstBefore: number | null = null;
  let lastAfter: number | null = null;
  for (const assetKey of req.assets) {
    const step = await db.materialization.create({
      data: { runId: run.id, assetKey, partitionKey: key, status: "running" },
    });
    try {
      const fault = await injectedFault(assetKey, key);
      if (fault) throw new TransientFault(fault);
      const result =
        assetKey === RAW_ASSET
          ? await buildRaw(key, run.id, input)
          : assetKey === SILVER_ASSET
            ? await buildSilver(key, run.id, input, req.corruptPriorities === true)
            : await buildReport(key, input);
      const checks = runChecks(result.facts);
      await recordChecks(run.id, step.id, key, assetKey, checks);
      checksFailed += checks.filter((c) => !c.passed).length;
      await db.materialization.update({
        where: { id: step.id },
        data: {
          status: "succeeded",
          rowsBefore: result.rowsBefore,
          rowsAfter: result.rowsAfter,
          manifestIds: JSON.stringify(result.manifestIds),
          fingerprint: result.fingerprint,
          finishedAt: new Date(),
        },
      });
      if (assetKey !== REPORT_ASSET) {
        firstBefore ??= result.rowsBefore;
        lastAfter = result.rowsAfter;
      }
      // A blocking failure quarantines this asset; building downstream of it would spread bad data.
      if (blockingFailed(checks)) break;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      errorKind = isTransient(e) ? "transient" : "permanent";
      await db.materialization.update({
        where: { id: step.id },
        data: { status: "failed", error, finishedAt: new Date() },
      });
      break;
    }
  }

  const status = error ? "failed" : "succeeded";
  await db.run.update({
    where: { id: run.id },
    data: { status, error, errorKind, rowsBefore: firstBefore, rowsAfter: lastAfter, finishedAt: new Date() },
  });
  await writeEvidence(run.id);
  await audit({
    actor: req.operator,
    action: `run.${req.action}`,
    target: key,
    outcome: status === "succeeded" ? "ok" : "failed",
    detail: { runId: run.id, assets: req.assets, error, checksFailed },
  });
  return { runId: run.id, status, partitionKey: key, error, checksFailed };
}
