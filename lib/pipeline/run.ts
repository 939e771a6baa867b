// The run executor: materializes the target assets of one partition in build order. Each asset's write is
// one short immediate transaction (snapshot of the rows it replaces, then the guarded upsert), followed by its
// checks. A failing step stops the run; what was committed before it stays, and the next attempt rebuilds
// idempotently. A run is queued (which takes its partition locks) and then processed — by the server's
// background runner or, for the CLI and the seed, right away in the same process.
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { RAW_ASSET, REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import { blockingFailed, runChecks, type CheckOutcome, type PartitionFacts } from "@/lib/domain/checks";
import { applyGuard, normalisePriority } from "@/lib/domain/guard";
import type { PartitionKey } from "@/lib/domain/partition";
import { manifestFingerprint } from "@/lib/domain/status";
import { partitionInput, type CoveringManifest, type PartitionInput } from "@/lib/queries/inputs";
import { crashPoint } from "@/lib/pipeline/crash-points";
import { writeEvidence } from "@/lib/pipeline/evidence";
import { verifyManifests } from "@/lib/pipeline/manifests";
import { buildPartitionReport, readReportTicketCount, writePartitionReport } from "@/lib/pipeline/report";
import { writePartitionRows, type PartitionTable } from "@/lib/pipeline/store";
import type { TicketEvent } from "@/contracts/manifest";

export type RunAction = "scheduled" | "retry" | "rerun" | "replay" | "backfill" | "restore" | "drill";

/** A fault that is expected to go away on its own: the run may be retried as it is. */
export class TransientFault extends Error {}

/** Queuing refused because another run holds the partition. Nothing was written. */
export class ActiveRunError extends Error {}

export interface RunRequest {
  partitionKey: PartitionKey;
  action: RunAction;
  assets: readonly string[];
  operator: string;
  attempt?: number;
  retryOfRunId?: number;
  planId?: string;
  /** replay: re-ingest exactly this manifest's input, merged on the guard into the current rows. */
  replayManifestId?: string;
  /** restore: return the target asset to this snapshot's rows. */
  restoreSnapshotId?: number;
  /** drill: the drill this run's write belongs to (corrupt_priorities nulls silver's priorities). */
  drillId?: number;
}

export interface RunSummary {
  runId: number;
  status: "succeeded" | "failed" | "cancelled";
  partitionKey: string;
  error: string | null;
  /** Blocking checks that failed. */
  checksFailed: number;
}

interface StepResult {
  rowsBefore: number;
  rowsAfter: number;
  facts: PartitionFacts;
  manifestIds: string[];
  fingerprint: string;
}

interface RunOptions {
  corruptPriorities: boolean;
  replayManifestId: string | null;
  restoreSnapshotId: number | null;
}

/** Snapshot + guarded upsert of one partition's rows, atomically (lib/pipeline/store.ts). */
export async function writePartition(table: PartitionTable, assetKey: string, key: PartitionKey, rows: Record<string, unknown>[], runId: number) {
  crashPoint("before_write");
  return writePartitionRows(table, assetKey, key, rows, runId);
}

function rawRow(key: PartitionKey, e: TicketEvent, eventTimeUtc: string, manifestId: string) {
  return {
    ticketId: e.ticket_id,
    partitionKey: key,
    eventId: e.event_id,
    eventType: e.event_type,
    eventTime: e.event_time,
    eventTimeUtc,
    customerId: e.customer_id,
    channel: e.channel,
    productLine: e.product_line,
    priority: e.priority,
    subject: e.subject,
    firstResponseMinutes: e.first_response_minutes,
    manifestId,
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

async function buildRaw(key: PartitionKey, runId: number, input: PartitionInput, replayManifestId: string | null): Promise<StepResult> {
  // Replay re-ingests exactly one manifest, merged on the guard into what raw holds now; every other
  // action rebuilds raw from all valid manifests covering the partition.
  const sources = replayManifestId ? input.manifests.filter((m) => m.manifestId === replayManifestId) : input.manifests;
  if (replayManifestId && sources.length === 0) throw new Error(`replay needs a valid manifest covering ${key}: ${replayManifestId} is not one`);
  const byPk = new Map<number, CoveringManifest>(sources.map((m) => [m.pk, m]));
  const records = await db.manifestRecord.findMany({
    where: { partitionKey: key, manifestPk: { in: [...byPk.keys()] } },
    select: { manifestPk: true, ticketId: true, eventId: true, eventTimeUtc: true, payload: true },
  });
  const incoming = records.map((r) => ({
    ticketId: r.ticketId,
    eventId: r.eventId,
    eventTimeUtc: r.eventTimeUtc,
    partitionKey: key,
    row: rawRow(key, JSON.parse(r.payload) as TicketEvent, r.eventTimeUtc, byPk.get(r.manifestPk)!.manifestId),
  }));
  let reflected = sources.map((m) => m.manifestId);
  let candidates = incoming;
  if (replayManifestId) {
    const current = await db.rawTicketEvent.findMany({ where: { partitionKey: key } });
    const lineage = await rawLineage(key);
    reflected = [...new Set([...lineage.manifestIds, replayManifestId])];
    candidates = [
      ...current.map((c) => ({ ticketId: c.ticketId, eventId: c.eventId, eventTimeUtc: c.eventTimeUtc, partitionKey: key, row: rawRow(key, { ticket_id: c.ticketId, event_id: c.eventId, event_type: c.eventType as TicketEvent["event_type"], event_time: c.eventTime, customer_id: c.customerId, channel: c.channel, product_line: c.productLine, priority: c.priority, subject: c.subject, first_response_minutes: c.firstResponseMinutes }, c.eventTimeUtc, c.manifestId) })),
      ...incoming,
    ];
  }
  const rows = applyGuard(candidates).map((c) => c.row);
  const written = await writePartition("RawTicketEvent", RAW_ASSET, key, rows, runId);
  const reflectedManifests = input.manifests.filter((m) => reflected.includes(m.manifestId));
  return {
    rowsBefore: written.rowsBefore,
    rowsAfter: written.rows,
    facts: await rawFacts(key, input, written, reflectedManifests.map((m) => m.manifestId)),
    manifestIds: reflectedManifests.map((m) => m.manifestId),
    fingerprint: manifestFingerprint(reflectedManifests),
  };
}

const REQUIRED = ["ticketId", "eventId", "eventType", "eventTimeUtc", "customerId", "channel", "productLine"];

/** Rows outside the partition's UTC window, and rows missing a required field. */
async function rowFacts(table: PartitionTable, key: PartitionKey): Promise<{ outside: number; missing: number }> {
  const missing = REQUIRED.map((c) => `"${c}" IS NULL OR "${c}" = ''`).join(" OR ");
  const [r] = await db.$queryRawUnsafe<{ outside: number | bigint; missing: number | bigint }[]>(
    `SELECT COALESCE(SUM(CASE WHEN substr("eventTimeUtc", 1, 10) <> ? THEN 1 ELSE 0 END), 0) AS outside,
            COALESCE(SUM(CASE WHEN ${missing} THEN 1 ELSE 0 END), 0) AS missing
     FROM "${table}" WHERE "partitionKey" = ?`,
    key,
    key,
  );
  return { outside: Number(r?.outside ?? 0), missing: Number(r?.missing ?? 0) };
}

async function rawFacts(key: PartitionKey, input: PartitionInput, written: { rows: number; tickets: number }, manifestIds: string[]): Promise<PartitionFacts> {
  const rows = await rowFacts("RawTicketEvent", key);
  return {
    assetKey: RAW_ASSET,
    expectedInputCount: input.expectedInputCount,
    rowCount: written.rows,
    distinctTickets: written.tickets,
    outsideWindowCount: rows.outside,
    missingRequiredCount: rows.missing,
    manifestProblems: await verifyManifests(manifestIds),
    manifestsChecked: manifestIds.length,
  };
}

async function silverFacts(key: PartitionKey, input: PartitionInput, written: { rowsBefore: number; rows: number; tickets: number }): Promise<StepResult> {
  const [s] = await db.$queryRaw<{ invalid: bigint | number; noResponse: bigint | number; silverOnly: bigint | number; rawOnly: bigint | number }[]>`
    SELECT
      (SELECT COUNT(*) FROM "SilverTicketFact" WHERE "partitionKey" = ${key}
         AND ("priority" IS NULL OR "priority" NOT IN ('P1', 'P2', 'P3', 'P4'))) AS invalid,
      (SELECT COUNT(*) FROM "SilverTicketFact" WHERE "partitionKey" = ${key} AND "firstResponseMinutes" IS NULL) AS noResponse,
      (SELECT COUNT(*) FROM "SilverTicketFact" s WHERE s."partitionKey" = ${key}
         AND NOT EXISTS (SELECT 1 FROM "RawTicketEvent" r WHERE r."partitionKey" = s."partitionKey" AND r."ticketId" = s."ticketId")) AS silverOnly,
      (SELECT COUNT(*) FROM "RawTicketEvent" r WHERE r."partitionKey" = ${key}
         AND NOT EXISTS (SELECT 1 FROM "SilverTicketFact" s WHERE s."partitionKey" = r."partitionKey" AND s."ticketId" = r."ticketId")) AS rawOnly`;
  const rows = await rowFacts("SilverTicketFact", key);
  return {
    rowsBefore: written.rowsBefore,
    rowsAfter: written.rows,
    facts: {
      assetKey: SILVER_ASSET,
      expectedInputCount: input.expectedInputCount,
      rowCount: written.rows,
      distinctTickets: written.tickets,
      outsideWindowCount: rows.outside,
      missingRequiredCount: rows.missing,
      invalidPriorityCount: Number(s?.invalid ?? 0),
      missingFirstResponseCount: Number(s?.noResponse ?? 0),
      silverOnlyTickets: Number(s?.silverOnly ?? 0),
      rawOnlyTickets: Number(s?.rawOnly ?? 0),
    },
    ...(await rawLineage(key)),
  };
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
  return silverFacts(key, input, await writePartition("SilverTicketFact", SILVER_ASSET, key, rows, runId));
}

/** restore: the asset returns to the snapshot's rows in one transaction (itself snapshotted first). */
async function restoreFromSnapshot(key: PartitionKey, assetKey: string, runId: number, input: PartitionInput, snapshotId: number): Promise<StepResult> {
  const snapshot = await db.snapshot.findUnique({ where: { id: snapshotId } });
  if (!snapshot || snapshot.partitionKey !== key || snapshot.assetKey !== assetKey) throw new Error(`restore needs a snapshot of ${key}: snapshot ${snapshotId} is not one`);
  const rows = JSON.parse(snapshot.rows) as Record<string, unknown>[];
  if (assetKey === SILVER_ASSET) return silverFacts(key, input, await writePartition("SilverTicketFact", SILVER_ASSET, key, rows, runId));
  if (assetKey === RAW_ASSET) {
    const written = await writePartition("RawTicketEvent", RAW_ASSET, key, rows, runId);
    const reflected = [...new Set(rows.map((r) => String(r.manifestId)))];
    const manifests = input.manifests.filter((m) => reflected.includes(m.manifestId));
    return {
      rowsBefore: written.rowsBefore,
      rowsAfter: written.rows,
      facts: await rawFacts(key, input, written, manifests.map((m) => m.manifestId)),
      manifestIds: manifests.map((m) => m.manifestId),
      fingerprint: manifestFingerprint(manifests),
    };
  }
  throw new Error(`restore: ${assetKey} has no snapshots`);
}

async function buildReport(key: PartitionKey, input: PartitionInput): Promise<StepResult> {
  const lineage = await rawLineage(key);
  const silver = await db.silverTicketFact.findMany({
    where: { partitionKey: key },
    select: { priority: true, channel: true, eventType: true },
  });
  const rowsBefore = readReportTicketCount(key) ?? 0;
  crashPoint("before_write");
  writePartitionReport(buildPartitionReport(key, lineage.manifestIds, silver));
  // A rebuilt report ends any move-aside drill of this partition: there is nothing left to put back.
  await db.drill.updateMany({ where: { kind: "move_report_aside", partitionKey: key, status: "applied" }, data: { status: "resolved", consumedAt: new Date() } });
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

/** A fail_check drill in force makes its named check fail for (asset, partition), whatever the data says. */
async function withDrilledChecks(checks: CheckOutcome[], assetKey: string, key: PartitionKey): Promise<CheckOutcome[]> {
  const flags = await db.drill.findMany({ where: { kind: "fail_check", assetKey, partitionKey: key, status: "applied" }, select: { id: true, checkName: true } });
  return checks.map((c) => {
    const flag = flags.find((f) => f.checkName === c.name);
    return flag ? { ...c, passed: false, observed: `forced to fail by drill ${flag.id}`, message: `drill ${flag.id} makes ${c.name} fail for practice; revert the drill to clear it` } : c;
  });
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

/**
 * Creates the run as queued and takes its (asset, partition) locks in one transaction. The lock table's
 * primary key is what refuses a second active run of the same partition — not the UI.
 */
export async function queueRun(req: RunRequest): Promise<number> {
  try {
    return await db.$transaction(async (tx) => {
      const input = await partitionInput(req.partitionKey);
      const run = await tx.run.create({
        data: {
          action: req.action,
          partitionKey: req.partitionKey,
          targetAssets: JSON.stringify(req.assets),
          status: "queued",
          attempt: req.attempt ?? 1,
          retryOfRunId: req.retryOfRunId ?? null,
          operator: req.operator,
          planId: req.planId ?? null,
          manifestId: req.replayManifestId ?? null,
          snapshotId: req.restoreSnapshotId ?? null,
          drillId: req.drillId ?? null,
          expectedCount: input.expectedInputCount,
        },
      });
      await tx.partitionLock.createMany({ data: req.assets.map((assetKey) => ({ partitionKey: req.partitionKey, assetKey, runId: run.id })) });
      return run.id;
    });
  } catch (e) {
    if (e instanceof Error && /Unique constraint|UNIQUE constraint|P2002/i.test(`${e.message} ${(e as { code?: string }).code ?? ""}`)) {
      const holder = await db.partitionLock.findFirst({ where: { partitionKey: req.partitionKey, assetKey: { in: [...req.assets] } } });
      throw new ActiveRunError(`${req.action}: a run of ${req.partitionKey} is already active${holder ? ` (run ${holder.runId})` : ""}; wait for it or cancel it`);
    }
    throw e;
  }
}

async function finish(runId: number, data: { status: string; error: string | null; errorKind: string | null; rowsBefore: number | null; rowsAfter: number | null }) {
  crashPoint("before_status_commit");
  await db.$transaction([
    db.run.update({ where: { id: runId }, data: { ...data, finishedAt: new Date() } }),
    db.partitionLock.deleteMany({ where: { runId } }),
  ]);
}

/** Executes a queued run to its end; returns its summary. */
export async function processRun(runId: number): Promise<RunSummary | null> {
  // Claim the run: only one process executes it, whoever gets here first.
  const claimed = await db.run.updateMany({ where: { id: runId, status: "queued" }, data: { status: "running", startedAt: new Date(), workerPid: process.pid } });
  if (claimed.count === 0) return null;
  const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
  const key = run.partitionKey as PartitionKey;
  const assets = JSON.parse(run.targetAssets) as string[];
  const input = await partitionInput(key);
  const drill = run.drillId ? await db.drill.findUnique({ where: { id: run.drillId }, select: { kind: true } }) : null;
  const options: RunOptions = { corruptPriorities: drill?.kind === "corrupt_priorities", replayManifestId: run.manifestId, restoreSnapshotId: run.snapshotId };

  let error: string | null = null;
  let errorKind: "transient" | "permanent" | null = null;
  let cancelled = false;
  let checksFailed = 0;
  let firstBefore: number | null = null;
  let lastAfter: number | null = null;
  for (const [i, assetKey] of assets.entries()) {
    if ((await db.run.findUnique({ where: { id: runId }, select: { cancelRequested: true } }))?.cancelRequested) {
      cancelled = true;
      break;
    }
    const step = await db.materialization.create({ data: { runId, assetKey, partitionKey: key, status: "running" } });
    try {
      const fault = await injectedFault(assetKey, key);
      if (fault) throw new TransientFault(fault);
      const result =
        options.restoreSnapshotId !== null
          ? await restoreFromSnapshot(key, assetKey, runId, input, options.restoreSnapshotId)
          : assetKey === RAW_ASSET
            ? await buildRaw(key, runId, input, options.replayManifestId)
            : assetKey === SILVER_ASSET
              ? await buildSilver(key, runId, input, options.corruptPriorities)
              : await buildReport(key, input);
      const checks = await withDrilledChecks(runChecks(result.facts), assetKey, key);
      await recordChecks(runId, step.id, key, assetKey, checks);
      checksFailed += checks.filter((c) => !c.passed && c.severity === "blocking").length;
      await audit({ actor: run.operator, action: "checks.run", target: key, outcome: blockingFailed(checks) ? "failed" : "ok", detail: { runId, assetKey, failed: checks.filter((c) => !c.passed).map((c) => c.name) } });
      await db.$transaction([
        db.materialization.update({
          where: { id: step.id },
          data: {
            status: "succeeded",
            rowsBefore: result.rowsBefore,
            rowsAfter: result.rowsAfter,
            manifestIds: JSON.stringify(result.manifestIds),
            fingerprint: result.fingerprint,
            finishedAt: new Date(),
          },
        }),
        db.run.update({ where: { id: runId }, data: { stepsDone: i + 1 } }),
      ]);
      if (assetKey !== REPORT_ASSET) {
        firstBefore ??= result.rowsBefore;
        lastAfter = result.rowsAfter;
      }
      // A blocking failure quarantines this asset; building downstream of it would spread bad data.
      if (blockingFailed(checks)) break;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      errorKind = isTransient(e) ? "transient" : "permanent";
      await db.materialization.update({ where: { id: step.id }, data: { status: "failed", error, finishedAt: new Date() } });
      break;
    }
  }

  const status = cancelled ? "cancelled" : error ? "failed" : "succeeded";
  await finish(runId, { status, error, errorKind, rowsBefore: firstBefore, rowsAfter: lastAfter });
  await writeEvidence(runId);
  await audit({
    actor: run.operator,
    action: `run.${run.action}`,
    target: key,
    outcome: status === "succeeded" ? "ok" : "failed",
    detail: { runId, assets, status, error, checksFailed, planId: run.planId },
  });
  return { runId, status, partitionKey: key, error, checksFailed };
}

/** Queue and process in this process (the seed, the CLI, tests). */
export async function executeRun(req: RunRequest): Promise<RunSummary> {
  const summary = await processRun(await queueRun(req));
  if (!summary) throw new Error("the run was claimed by another process");
  return summary;
}

function processAlive(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * After a crash or restart: runs left running by a process that is gone were interrupted. They are marked so (a transient failure,
 * so they can be retried), their unfinished steps failed, and their locks released. Queued runs stay queued.
 */
export async function recoverInterruptedRuns(): Promise<number[]> {
  // A process that died between a run's last status write and its evidence left a finished run without one.
  const unrecorded = await db.run.findMany({ where: { status: { in: ["succeeded", "failed", "cancelled"] }, evidence: null }, select: { id: true } });
  for (const r of unrecorded) await writeEvidence(r.id);
  const running = await db.run.findMany({ where: { status: "running" }, select: { id: true, workerPid: true } });
  const ids = running.filter((r) => r.workerPid !== process.pid && !processAlive(r.workerPid)).map((r) => r.id);
  if (ids.length === 0) return [];
  const error = "interrupted: the process stopped during the run";
  await db.$transaction([
    db.materialization.updateMany({ where: { runId: { in: ids }, status: "running" }, data: { status: "interrupted", error, finishedAt: new Date() } }),
    db.run.updateMany({ where: { id: { in: ids } }, data: { status: "interrupted", error, errorKind: "transient", finishedAt: new Date() } }),
    db.partitionLock.deleteMany({ where: { runId: { in: ids } } }),
  ]);
  for (const id of ids) {
    await writeEvidence(id);
    await audit({ actor: "system", action: "run.interrupted", target: `run ${id}`, outcome: "failed", detail: { error } });
  }
  return ids;
}
