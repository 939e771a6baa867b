// What the row-table steps share: the guarded partition write, row facts for the checks, and the lineage
// (manifests) the latest raw build reflects.
import { db } from "@/lib/db";
import { rawRows } from "@/lib/raw";
import { RAW_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { manifestFingerprint } from "@/lib/domain/status";
import { crashPoint } from "@/lib/pipeline/crash-points";
import { writePartitionRows, type PartitionTable, type PartitionWrite } from "@/lib/pipeline/store";
import type { StepContext } from "@/lib/pipeline/steps/types";

/** Snapshot + guarded upsert of one partition's rows, atomically, under the run's lease (lib/pipeline/store.ts). */
export async function writePartition(
  ctx: StepContext,
  table: PartitionTable,
  assetKey: string,
  rows: Record<string, unknown>[],
): Promise<PartitionWrite> {
  crashPoint("before_write");
  return writePartitionRows(table, assetKey, ctx.key, rows, ctx.runId, {
    guard: ctx.guard as () => void,
    fence: ctx.fence,
  });
}

const REQUIRED = ["ticketId", "eventId", "eventType", "eventTimeUtc", "customerId", "channel", "productLine"];

/** Rows outside the partition's UTC window, and rows missing a required field. */
export async function rowFacts(
  table: PartitionTable,
  key: PartitionKey,
): Promise<{ outside: number; missing: number }> {
  const missing = REQUIRED.map((c) => `"${c}" IS NULL OR "${c}" = ''`).join(" OR ");
  const [r] = await rawRows<{ outside: number | bigint; missing: number | bigint }>(
    `SELECT COALESCE(SUM(CASE WHEN substr("eventTimeUtc", 1, 10) <> ? THEN 1 ELSE 0 END), 0) AS outside,
            COALESCE(SUM(CASE WHEN ${missing} THEN 1 ELSE 0 END), 0) AS missing
     FROM "${table}" WHERE "partitionKey" = ?`,
    key,
    key,
  );
  return { outside: Number(r?.outside ?? 0), missing: Number(r?.missing ?? 0) };
}

/** Silver and the report are built from raw, so they reflect whatever manifests raw reflects. */
export async function rawLineage(key: PartitionKey): Promise<{ manifestIds: string[]; fingerprint: string }> {
  const latest = await db.materialization.findFirst({
    where: { assetKey: RAW_ASSET, partitionKey: key, status: "succeeded" },
    orderBy: { id: "desc" },
    select: { manifestIds: true, fingerprint: true },
  });
  return latest
    ? { manifestIds: JSON.parse(latest.manifestIds) as string[], fingerprint: latest.fingerprint }
    : { manifestIds: [], fingerprint: manifestFingerprint([]) };
}
