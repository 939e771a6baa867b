// week06/reports/partition_report: a JSON file summarising the partition's silver rows.
import { rawRows } from "@/lib/raw";
import { REPORT_ASSET } from "@/lib/domain/assets";
import { crashPoint } from "@/lib/pipeline/crash-points";
import { buildPartitionReport, readReportTicketCount, writePartitionReport } from "@/lib/pipeline/report";
import { rawLineage } from "@/lib/pipeline/steps/shared";
import type { AssetStep, StepContext, StepResult } from "@/lib/pipeline/steps/types";

async function build(ctx: StepContext): Promise<StepResult> {
  const { key } = ctx;
  const lineage = await rawLineage(key);
  const silver = await rawRows<{ priority: string | null; channel: string; eventType: string }>(
    `SELECT "priority", "channel", "eventType" FROM "SilverTicketFact" WHERE "partitionKey" = ?`,
    key,
  );
  const rowsBefore = readReportTicketCount(key) ?? 0;
  crashPoint("before_write");
  // A file is no transaction: check the lease right before writing it (the report is deterministic, so a
  // second writer of the same partition would write the same bytes).
  await ctx.guard();
  writePartitionReport(buildPartitionReport(key, lineage.manifestIds, silver));
  const reported = readReportTicketCount(key);
  return {
    rowsBefore,
    rowsAfter: reported ?? 0,
    diff: null,
    facts: {
      assetKey: REPORT_ASSET,
      expectedInputCount: ctx.input.expectedInputCount,
      rowCount: reported ?? 0,
      distinctTickets: reported ?? 0,
      reportTicketCount: reported,
      silverRowCount: silver.length,
    },
    ...lineage,
  };
}

export const reportStep: AssetStep = { asset: REPORT_ASSET, build };
