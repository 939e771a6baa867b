// The backfills list, sorted, filtered and paged in SQL from the URL's table state: two queries per page,
// whatever the number of backfills.
import { Prisma } from "@/generated/prisma/client";
import type { TableQuery } from "@/contracts/table_query";
import { db } from "@/lib/db";
import {
  BACKFILL_RUN_STATUS_FILTERS,
  BACKFILL_STATUSES,
  RUN_STATUSES,
  UNFINISHED_RUN_STATUSES,
  type BackfillRunStatusFilter,
  type RunStatus,
} from "@/lib/domain/backfill";
import { isOneOf } from "@/lib/domain/one-of";
import type { Text } from "@/lib/i18n/text";
import { jsonValuesSql } from "@/lib/raw";
import { closedFilter, pageOf, partitionFilterProblem, prefixEnd, type Page } from "@/lib/views/paging";

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

// A backfill's runs, for the table on its page: every run of the backfill (a partition's retries included), sorted,
// filtered and paged in SQL — two queries (the count per status for the filter, and the page), whatever its size.
export const BACKFILL_RUN_SORTS = ["partitionKey", "runId", "status", "attempt", "checksFailed"] as const;
export const BACKFILL_RUN_FILTERS = ["status", "partition"] as const;
export const BACKFILL_RUNS_PER_PAGE = 25;

export interface BackfillRunRow {
  runId: number;
  partitionKey: string;
  action: string;
  status: string;
  attempt: number;
  startedAt: string | null;
  finishedAt: string | null;
  checksPassed: number;
  checksFailed: number;
  warnings: number;
  hasEvidence: boolean;
}

const RUN_ORDER: Record<(typeof BACKFILL_RUN_SORTS)[number], string> = {
  partitionKey: `"partitionKey"`,
  runId: `"runId"`,
  status: `status`,
  attempt: `attempt`,
  checksFailed: `"checksFailed"`,
};

export interface BackfillRuns extends Page<BackfillRunRow> {
  /** Runs per status filter value under the partition filter: what the status filter would show. */
  statusCounts: Record<BackfillRunStatusFilter, number>;
  problem: Text | null;
}

export async function backfillRunRows(backfillId: number, query: TableQuery): Promise<BackfillRuns> {
  const f = query.filters;
  const problem = partitionFilterProblem(f.partition);
  const inPartition =
    f.partition && !problem
      ? Prisma.sql`AND r."partitionKey" >= ${f.partition} AND r."partitionKey" < ${prefixEnd(f.partition)}`
      : Prisma.empty;
  const status = f.status && isOneOf(BACKFILL_RUN_STATUS_FILTERS, f.status) ? f.status : null;
  // Unknown status: nothing matches (as closedFilter does for the other lists), rather than everything.
  const statuses: readonly RunStatus[] | null =
    status === "unfinished" ? UNFINISHED_RUN_STATUSES : status ? [status] : f.status ? [] : null;
  const order = Prisma.raw(
    `${RUN_ORDER[query.sort as keyof typeof RUN_ORDER] ?? `"partitionKey"`} ${query.dir === "asc" ? "ASC" : "DESC"}, "runId" DESC`,
  );
  const [counts, rows] = await Promise.all([
    db.$queryRaw<{ status: string; n: bigint | number }[]>`
      SELECT r."status" AS status, COUNT(*) AS n FROM "Run" r WHERE r."backfillId" = ${backfillId} ${inPartition}
      GROUP BY r."status"`,
    statuses?.length === 0
      ? []
      : db.$queryRaw<
          {
            runId: number | bigint;
            partitionKey: string;
            action: string;
            status: string;
            attempt: number | bigint;
            startedAt: string | Date | null;
            finishedAt: string | Date | null;
            checksPassed: number | bigint;
            checksFailed: number | bigint;
            warnings: number | bigint;
            hasEvidence: number | bigint | boolean;
          }[]
        >`
      WITH q AS (
        SELECT r."id" AS "runId", r."partitionKey" AS "partitionKey", r."action" AS action, r."status" AS status,
               r."attempt" AS attempt, r."startedAt" AS "startedAt", r."finishedAt" AS "finishedAt",
               (SELECT COUNT(*) FROM "CheckResult" c WHERE c."runId" = r."id" AND c."passed" = true) AS "checksPassed",
               (SELECT COUNT(*) FROM "CheckResult" c WHERE c."runId" = r."id" AND c."passed" = false AND c."severity" = 'blocking') AS "checksFailed",
               (SELECT COUNT(*) FROM "CheckResult" c WHERE c."runId" = r."id" AND c."passed" = false AND c."severity" = 'warning') AS warnings,
               EXISTS (SELECT 1 FROM "Evidence" e WHERE e."runId" = r."id") AS "hasEvidence"
        FROM "Run" r
        WHERE r."backfillId" = ${backfillId} ${inPartition}
          ${statuses ? Prisma.sql`AND r."status" IN (${Prisma.join([...statuses])})` : Prisma.empty}
      )
      SELECT * FROM q ORDER BY ${order}
      LIMIT ${BACKFILL_RUNS_PER_PAGE} OFFSET ${(query.page - 1) * BACKFILL_RUNS_PER_PAGE}`,
  ]);
  const statusCounts = Object.fromEntries(BACKFILL_RUN_STATUS_FILTERS.map((s) => [s, 0])) as Record<
    BackfillRunStatusFilter,
    number
  >;
  for (const c of counts) {
    if (isOneOf(RUN_STATUSES, c.status)) statusCounts[c.status] += Number(c.n);
    if (isOneOf(UNFINISHED_RUN_STATUSES, c.status)) statusCounts.unfinished += Number(c.n);
  }
  const total = status ? statusCounts[status] : f.status ? 0 : counts.reduce((n, c) => n + Number(c.n), 0);
  const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());
  return {
    ...pageOf(
      rows.map((r) => ({
        runId: Number(r.runId),
        partitionKey: r.partitionKey,
        action: r.action,
        status: r.status,
        attempt: Number(r.attempt),
        startedAt: iso(r.startedAt),
        finishedAt: iso(r.finishedAt),
        checksPassed: Number(r.checksPassed),
        checksFailed: Number(r.checksFailed),
        warnings: Number(r.warnings),
        hasEvidence: Boolean(Number(r.hasEvidence)),
      })),
      total,
      BACKFILL_RUNS_PER_PAGE,
    ),
    statusCounts,
    problem,
  };
}
