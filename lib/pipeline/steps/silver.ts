// week06/silver/ticket_fact_partitioned: raw cleaned — UTC times, priorities normalised to P1..P4.
import { db } from "@/lib/db";
import { SILVER_ASSET } from "@/lib/domain/assets";
import { normalisePriority } from "@/lib/domain/guard";
import type { PartitionWrite } from "@/lib/pipeline/store";
import { rawLineage, rowFacts, writePartition } from "@/lib/pipeline/steps/shared";
import { rawRows } from "@/lib/raw";
import type { AssetStep, StepContext, StepResult } from "@/lib/pipeline/steps/types";

async function result(ctx: StepContext, written: PartitionWrite): Promise<StepResult> {
  const key = ctx.key;
  const [s] = await db.$queryRaw<
    { invalid: bigint | number; noResponse: bigint | number; silverOnly: bigint | number; rawOnly: bigint | number }[]
  >`
    SELECT
      (SELECT COUNT(*) FROM "SilverTicketFact" WHERE "partitionKey" = ${key}
         AND ("priority" IS NULL OR "priority" NOT IN ('P1', 'P2', 'P3', 'P4'))) AS invalid,
      (SELECT COUNT(*) FROM "SilverTicketFact" WHERE "partitionKey" = ${key} AND "firstResponseMinutes" IS NULL) AS "noResponse",
      (SELECT COUNT(*) FROM "SilverTicketFact" s WHERE s."partitionKey" = ${key}
         AND NOT EXISTS (SELECT 1 FROM "RawTicketEvent" r WHERE r."partitionKey" = s."partitionKey" AND r."ticketId" = s."ticketId")) AS "silverOnly",
      (SELECT COUNT(*) FROM "RawTicketEvent" r WHERE r."partitionKey" = ${key}
         AND NOT EXISTS (SELECT 1 FROM "SilverTicketFact" s WHERE s."partitionKey" = r."partitionKey" AND s."ticketId" = r."ticketId")) AS "rawOnly"`;
  const rows = await rowFacts("SilverTicketFact", key);
  return {
    rowsBefore: written.rowsBefore,
    rowsAfter: written.rows,
    diff: written.diff,
    facts: {
      assetKey: SILVER_ASSET,
      expectedInputCount: ctx.input.expectedInputCount,
      emptyInputAttestation: ctx.emptyInputAttestation,
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

async function build(ctx: StepContext): Promise<StepResult> {
  const raw = await rawRows<{
    ticketId: string;
    eventId: string;
    eventType: string;
    eventTimeUtc: string;
    customerId: string;
    channel: string;
    productLine: string;
    priority: string | null;
    subject: string;
    firstResponseMinutes: number | null;
  }>(
    `SELECT "ticketId", "eventId", "eventType", "eventTimeUtc", "customerId", "channel", "productLine", "priority", "subject", "firstResponseMinutes"
     FROM "RawTicketEvent" WHERE "partitionKey" = ? ORDER BY "ticketId"`,
    ctx.key,
  );
  const rows = raw.map((r) => ({
    ticketId: r.ticketId,
    partitionKey: ctx.key,
    eventId: r.eventId,
    eventType: r.eventType,
    eventTimeUtc: r.eventTimeUtc,
    customerId: r.customerId,
    channel: r.channel,
    productLine: r.productLine,
    priority: ctx.corruptPriorities ? null : normalisePriority(r.priority),
    subject: r.subject,
    firstResponseMinutes: r.firstResponseMinutes,
  }));
  return result(ctx, await writePartition(ctx, "SilverTicketFact", SILVER_ASSET, rows));
}

async function restore(ctx: StepContext, rows: Record<string, unknown>[]): Promise<StepResult> {
  return result(ctx, await writePartition(ctx, "SilverTicketFact", SILVER_ASSET, rows));
}

export const silverStep: AssetStep = { asset: SILVER_ASSET, table: "SilverTicketFact", build, restore };
