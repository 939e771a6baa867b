// The backfills list, sorted, filtered and paged in SQL from the URL's table state: two queries per page,
// whatever the number of backfills.
import type { Prisma } from "@/generated/prisma/client";
import type { TableQuery } from "@/contracts/table_query";
import { db } from "@/lib/db";
import { BACKFILL_STATUSES } from "@/lib/domain/backfill";
import { jsonValuesSql } from "@/lib/raw";
import { closedFilter } from "@/lib/views/paging";

export const BACKFILL_SORTS = ["id", "status", "action", "partitionCount", "firstKey", "createdBy"] as const;
export const BACKFILL_FILTERS = ["status", "action", "partition", "operator"] as const;
export const BACKFILLS_PER_PAGE = 25;

export interface BackfillRow {
  id: number;
  planId: string;
  action: string;
  status: string;
  firstKey: string;
  lastKey: string;
  partitionCount: number;
  done: number;
  failed: number;
  cancelled: number;
  left: number;
  createdBy: string;
  createdAt: string;
}

export async function backfillRows(
  query: TableQuery,
): Promise<{ rows: BackfillRow[]; pageCount: number; total: number }> {
  const f = query.filters;
  const where: Prisma.BackfillWhereInput = {
    ...(f.status ? { status: closedFilter(BACKFILL_STATUSES, f.status) } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.operator ? { createdBy: { contains: f.operator } } : {}),
    // A partition (or a month prefix) inside the backfill's window.
    ...(f.partition ? { firstKey: { lte: `${f.partition}\uffff` }, lastKey: { gte: f.partition } } : {}),
  };
  const [total, page] = await Promise.all([
    db.backfill.count({ where }),
    db.backfill.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "desc" }],
      skip: (query.page - 1) * BACKFILLS_PER_PAGE,
      take: BACKFILLS_PER_PAGE,
    }),
  ]);
  const ids = page.map((b) => b.id);
  // Progress of this page's backfills only (at most one page of ids): the latest run of each partition.
  const progress = ids.length
    ? await db.$queryRaw<{ backfillId: number | bigint; status: string; n: number | bigint }[]>`
        SELECT r."backfillId" AS "backfillId", r."status" AS status, COUNT(*) AS n FROM "Run" r
        JOIN (SELECT MAX("id") AS id FROM "Run" WHERE "backfillId" IN (${jsonValuesSql(JSON.stringify(ids), "int")}) GROUP BY "backfillId", "partitionKey") l
          ON l.id = r."id"
        GROUP BY r."backfillId", r."status"`
    : [];
  const count = (id: number, statuses: string[]) =>
    progress
      .filter((p) => Number(p.backfillId) === id && statuses.includes(p.status))
      .reduce((n, p) => n + Number(p.n), 0);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / BACKFILLS_PER_PAGE)),
    rows: page.map((b) => ({
      id: b.id,
      planId: b.planId,
      action: b.action,
      status: b.status,
      firstKey: b.firstKey,
      lastKey: b.lastKey,
      partitionCount: b.partitionCount,
      done: count(b.id, ["succeeded"]),
      failed: count(b.id, ["failed", "interrupted"]),
      cancelled: count(b.id, ["cancelled"]),
      left: count(b.id, ["queued", "running"]),
      createdBy: b.createdBy,
      createdAt: b.createdAt.toISOString(),
    })),
  };
}
