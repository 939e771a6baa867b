// Cancel stops a run between steps; what its finished steps wrote is undone, so the partition keeps the rows it
// had before the run — nothing partial. Each asset returns to the snapshot the run's write took (or to no rows
// when it had none), in one transaction, and the run's materializations stop counting for the partition's status.
import { db } from "@/lib/db";
import { assetText } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { assertLease, leased, lockLease, type Lease } from "@/lib/engine/lease";
import { writePartitionRows } from "@/lib/pipeline/store";
import { ASSET_STEPS } from "@/lib/pipeline/steps";
import { snapshotRows } from "@/lib/store-json";
import { text, type Text } from "@/lib/i18n/text";

export async function revertRun(lease: Lease, key: PartitionKey): Promise<Text[]> {
  const runId = lease.runId;
  const written = await db.materialization.findMany({ where: { runId, status: "succeeded" }, orderBy: { id: "desc" } });
  const undone: Text[] = [];
  for (const m of written) {
    // The report is the last step, so a run cancelled between steps never rewrote it.
    const table = ASSET_STEPS[m.assetKey]?.table;
    if (!table) continue;
    const snapshot = await db.snapshot.findFirst({
      where: { assetKey: m.assetKey, partitionKey: key, takenBeforeRunId: runId },
      orderBy: { id: "desc" },
    });
    // No snapshot: the partition had no rows (put that back), or the write changed nothing (nothing to undo).
    const rows = snapshot ? snapshotRows(snapshot.rows) : m.rowsBefore === 0 ? [] : null;
    if (rows === null) continue;
    const previous = await db.materialization.findFirst({
      where: { assetKey: m.assetKey, partitionKey: key, runId: { not: runId }, status: "succeeded" },
      orderBy: { id: "desc" },
      select: { runId: true },
    });
    await writePartitionRows(table, m.assetKey, key, rows, runId, {
      guard: () => assertLease(lease),
      fence: (query) => lockLease(lease, query),
      snapshot: false,
      rowRunId: previous?.runId ?? runId,
    });
    undone.push(text("runError.backTo", { asset: assetText(m.assetKey, { lower: true }), rows: rows.length }));
  }
  const touched = await db.materialization.findMany({
    where: { runId },
    distinct: ["assetKey"],
    select: { assetKey: true },
  });
  await leased(lease, async (tx) => {
    await tx.materialization.updateMany({ where: { runId, status: "succeeded" }, data: { status: "reverted" } });
    // The partition's latest state is again what it was before the run (PartitionState, kept by triggers on
    // insert, is pointed back by hand here: the one place a materialization stops counting).
    for (const { assetKey } of touched) {
      await tx.$executeRaw`DELETE FROM "PartitionState" WHERE "partitionKey" = ${key} AND "assetKey" = ${assetKey}`;
      await tx.$executeRaw`
        INSERT INTO "PartitionState" ("partitionKey", "assetKey", "materializationId", "status", "fingerprint", "rowsAfter", "blockingFailed", "review", "reviewId")
        SELECT m."partitionKey", m."assetKey", m."id", m."status", m."fingerprint", m."rowsAfter",
               EXISTS (SELECT 1 FROM "CheckResult" c WHERE c."materializationId" = m."id" AND c."severity" = 'blocking' AND c."passed" = false),
               (SELECT r."decision" FROM "Review" r JOIN "Evidence" e ON e."id" = r."evidenceId" WHERE e."runId" = m."runId" ORDER BY r."id" DESC LIMIT 1),
               (SELECT r."id" FROM "Review" r JOIN "Evidence" e ON e."id" = r."evidenceId" WHERE e."runId" = m."runId" ORDER BY r."id" DESC LIMIT 1)
        FROM "Materialization" m
        WHERE m."partitionKey" = ${key} AND m."assetKey" = ${assetKey} AND m."runId" <> ${runId} AND m."status" <> 'reverted'
          AND NOT EXISTS (SELECT 1 FROM "Run" x WHERE x."id" = m."runId" AND x."status" = 'cancelled')
        ORDER BY m."id" DESC LIMIT 1`;
    }
  });
  return undone;
}
