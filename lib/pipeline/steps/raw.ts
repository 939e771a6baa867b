// week06/ingestion/raw_ticket_events_partitioned: the landed manifest records of the partition, one row per ticket
// (the guard). Replay merges exactly one manifest's records into the rows raw holds now.
import type { TicketEvent } from "@/contracts/manifest";
import { db } from "@/lib/db";
import { RAW_ASSET } from "@/lib/domain/assets";
import type { PartitionFacts } from "@/lib/domain/checks";
import { applyGuard } from "@/lib/domain/guard";
import type { PartitionKey } from "@/lib/domain/partition";
import { manifestFingerprint } from "@/lib/domain/status";
import { verifyManifests } from "@/lib/pipeline/manifests";
import { LocalizedError, text } from "@/lib/i18n/text";
import { jsonValues, rawRows } from "@/lib/raw";
import type { PartitionWrite } from "@/lib/pipeline/store";
import { rawLineage, rowFacts, writePartition } from "@/lib/pipeline/steps/shared";
import type { AssetStep, StepContext, StepResult } from "@/lib/pipeline/steps/types";
import type { CoveringManifest } from "@/lib/read-model/inputs";
import { ticketPayload } from "@/lib/store-json";

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

async function facts(ctx: StepContext, written: PartitionWrite, manifestIds: string[]): Promise<PartitionFacts> {
  const rows = await rowFacts("RawTicketEvent", ctx.key);
  return {
    assetKey: RAW_ASSET,
    expectedInputCount: ctx.input.expectedInputCount,
    emptyInputAttestation: ctx.emptyInputAttestation,
    rowCount: written.rows,
    distinctTickets: written.tickets,
    outsideWindowCount: rows.outside,
    missingRequiredCount: rows.missing,
    manifestProblems: await verifyManifests(manifestIds),
    manifestsChecked: manifestIds.length,
  };
}

async function result(ctx: StepContext, written: PartitionWrite, reflected: string[]): Promise<StepResult> {
  const manifests = ctx.input.manifests.filter((m) => reflected.includes(m.manifestId));
  const ids = manifests.map((m) => m.manifestId);
  return {
    rowsBefore: written.rowsBefore,
    rowsAfter: written.rows,
    diff: written.diff,
    facts: await facts(ctx, written, ids),
    manifestIds: ids,
    fingerprint: manifestFingerprint(manifests),
  };
}

async function build(ctx: StepContext): Promise<StepResult> {
  const { key, input, replayManifestId } = ctx;
  // Replay re-ingests exactly one manifest, merged on the guard into what raw holds now; every other action
  // rebuilds raw from all valid manifests covering the partition.
  const sources = replayManifestId ? input.manifests.filter((m) => m.manifestId === replayManifestId) : input.manifests;
  if (replayManifestId && sources.length === 0)
    throw new LocalizedError(text("recovery.replayManifestNotOne", { key, manifestId: replayManifestId }));
  const byPk = new Map<number, CoveringManifest>(sources.map((m) => [m.pk, m]));
  // The bulk read of a step goes through the raw connection: Prisma's row conversion costs more than the query.
  const records = await rawRows<{
    manifestPk: number;
    ticketId: string;
    eventId: string;
    eventTimeUtc: string;
    payload: string;
  }>(
    `SELECT "manifestPk", "ticketId", "eventId", "eventTimeUtc", "payload" FROM "ManifestRecord"
     WHERE "partitionKey" = ? AND "manifestPk" IN (${jsonValues("int")})`,
    key,
    JSON.stringify([...byPk.keys()]),
  );
  const incoming = records.map((r) => ({
    ticketId: r.ticketId,
    eventId: r.eventId,
    eventTimeUtc: r.eventTimeUtc,
    partitionKey: key,
    row: rawRow(key, ticketPayload(r.payload), r.eventTimeUtc, byPk.get(r.manifestPk)!.manifestId),
  }));
  let reflected = sources.map((m) => m.manifestId);
  let candidates = incoming;
  if (replayManifestId) {
    const current = await db.rawTicketEvent.findMany({ where: { partitionKey: key } });
    reflected = [...new Set([...(await rawLineage(key)).manifestIds, replayManifestId])];
    candidates = [
      ...current.map((c) => ({
        ticketId: c.ticketId,
        eventId: c.eventId,
        eventTimeUtc: c.eventTimeUtc,
        partitionKey: key,
        row: rawRow(
          key,
          {
            ticket_id: c.ticketId,
            event_id: c.eventId,
            event_type: c.eventType as TicketEvent["event_type"],
            event_time: c.eventTime,
            customer_id: c.customerId,
            channel: c.channel,
            product_line: c.productLine,
            priority: c.priority,
            subject: c.subject,
            first_response_minutes: c.firstResponseMinutes,
          },
          c.eventTimeUtc,
          c.manifestId,
        ),
      })),
      ...incoming,
    ];
  }
  const rows = applyGuard(candidates).map((c) => c.row);
  return result(ctx, await writePartition(ctx, "RawTicketEvent", RAW_ASSET, rows), reflected);
}

async function restore(ctx: StepContext, rows: Record<string, unknown>[]): Promise<StepResult> {
  const written = await writePartition(ctx, "RawTicketEvent", RAW_ASSET, rows);
  return result(ctx, written, [...new Set(rows.map((r) => String(r.manifestId)))]);
}

export const rawStep: AssetStep = { asset: RAW_ASSET, table: "RawTicketEvent", build, restore };
