// A run is superseded when a later run rewrote a cell it built: approving it would release rows another run wrote.
// One definition, used by the review gate, the evidence queue's state, the run tables and the evidence page.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { jsonValuesSql } from "@/lib/raw";

/**
 * Joins to `m` (a materialization of the run in question) each `later` write of the same cell by another run that
 * counts — not undone (reverted), and not by a run that was cancelled. SQL shared by every reader.
 */
export const LATER_WRITE = Prisma.raw(`JOIN "Materialization" later
         ON later."assetKey" = m."assetKey" AND later."partitionKey" = m."partitionKey" AND later."id" > m."id"
        AND later."runId" <> m."runId" AND later."status" <> 'reverted'
       JOIN "Run" lr ON lr."id" = later."runId" AND lr."status" <> 'cancelled'`);

export interface Superseded {
  /** The first later run that rewrote a cell this run built (what the review gate names). */
  newer: number;
  /** The last one: the end of the chain, whose evidence speaks for those cells now — review that one. */
  latest: number;
}

type Reader = Pick<Prisma.TransactionClient, "$queryRaw">;

/** Which of `runIds` a later run superseded, by which and by which last: one query, even for none (a page's ids). */
export async function supersession(runIds: number[], reader: Reader = db): Promise<Map<number, Superseded>> {
  const rows = await reader.$queryRaw<
    { runId: number | bigint; newer: number | bigint; latest: number | bigint }[]
  >`SELECT m."runId" AS "runId", MIN(later."runId") AS newer, MAX(later."runId") AS latest
    FROM "Materialization" m ${LATER_WRITE}
    WHERE m."runId" IN (${jsonValuesSql(JSON.stringify(runIds), "int")})
    GROUP BY m."runId"`;
  return new Map(rows.map((r) => [Number(r.runId), { newer: Number(r.newer), latest: Number(r.latest) }]));
}
