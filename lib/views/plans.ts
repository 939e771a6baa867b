// The plans list, sorted, filtered and paged in SQL: two queries per page.
import type { Prisma } from "@/generated/prisma/client";
import type { TableQuery } from "@/contracts/table_query";
import { db } from "@/lib/db";
import { PLAN_STATUSES } from "@/lib/domain/plan-document";
import type { Text } from "@/lib/i18n/text";
import { closedFilter, pageOf, partitionFilterProblem, prefixEnd, type Page } from "@/lib/views/paging";

export const PLAN_SORTS = [
  "createdAt",
  "partitionKey",
  "recoveryAction",
  "status",
  "operator",
  "expectedCount",
] as const;
export const PLAN_FILTERS = ["partition", "action", "status"] as const;
export const PLANS_PER_PAGE = 25;

export interface PlanListRow {
  id: string;
  kind: string;
  recoveryAction: string;
  partitionKey: string;
  toKey: string;
  status: string;
  operator: string;
  expectedCount: number;
  currentCount: number;
  createdAt: string;
}

export async function planList(query: TableQuery): Promise<Page<PlanListRow> & { problem: Text | null }> {
  const f = query.filters;
  const problem = partitionFilterProblem(f.partition);
  const where: Prisma.PlanWhereInput = {
    ...(f.action ? { recoveryAction: f.action } : {}),
    ...(f.status ? { status: closedFilter(PLAN_STATUSES, f.status) } : {}),
    // "2026-03" matches every plan that touches March 2026, windows included.
    ...(f.partition && !problem ? { partitionKey: { lte: prefixEnd(f.partition) }, toKey: { gte: f.partition } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.plan.count({ where }),
    db.plan.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      skip: (query.page - 1) * PLANS_PER_PAGE,
      take: PLANS_PER_PAGE,
      select: {
        id: true,
        kind: true,
        recoveryAction: true,
        partitionKey: true,
        toKey: true,
        status: true,
        operator: true,
        expectedCount: true,
        currentCount: true,
        createdAt: true,
      },
    }),
  ]);
  return {
    ...pageOf(
      rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
      total,
      PLANS_PER_PAGE,
    ),
    problem,
  };
}
