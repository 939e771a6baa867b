// The audit trail over its whole history, sorted, filtered and paged in SQL: two queries per page. Text
// filters match from the start ("operator@", "review.", "2026-04"), which the indexes on (column, id) serve.
import type { Prisma } from "@/generated/prisma/client";
import type { TableQuery } from "@/contracts/table_query";
import { db } from "@/lib/db";
import { AUDIT_OUTCOMES } from "@/lib/domain/audit";
import { closedFilter, pageOf, prefixEnd, type Page } from "@/lib/views/paging";
import type { Locale } from "@/lib/i18n/locales";
import type { SaidPart } from "@/lib/i18n/text";
import { auditDetail } from "@/lib/store-json";
import { factsParts } from "@/lib/views/facts";

export const AUDIT_SORTS = ["id", "actor", "action", "target", "outcome"] as const;
export const AUDIT_FILTERS = ["actor", "action", "target", "outcome"] as const;
export const AUDIT_PER_PAGE = 50;

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  detail: string;
  /** 1, or how many refused attempts a summary row counts. */
  occurrences: number;
}

const startsWith = (value: string) => ({ gte: value, lt: prefixEnd(value) });

export async function auditPage(query: TableQuery): Promise<Page<AuditRow>> {
  const f = query.filters;
  const where: Prisma.AuditEventWhereInput = {
    ...(f.actor ? { actor: startsWith(f.actor) } : {}),
    ...(f.action ? { action: startsWith(f.action) } : {}),
    ...(f.target ? { target: startsWith(f.target) } : {}),
    ...(f.outcome ? { outcome: closedFilter(AUDIT_OUTCOMES, f.outcome) } : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      // Events are numbered in the order they happened: `id` is also the time order.
      orderBy: query.sort === "id" ? { id: query.dir } : [{ [query.sort]: query.dir }, { id: query.dir }],
      skip: (query.page - 1) * AUDIT_PER_PAGE,
      take: AUDIT_PER_PAGE,
    }),
  ]);
  return pageOf(
    rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    total,
    AUDIT_PER_PAGE,
  );
}

/** An event's detail as its row shows it, in the reader's language: the reason alone when it has one, else each fact. */
export function auditDetailParts(json: string, locale: Locale): SaidPart[] {
  const detail = auditDetail(json);
  return factsParts(
    typeof detail.reason === "string" ? { reason: detail.reason, texts: detail.texts } : detail,
    locale,
    {
      names: typeof detail.reason !== "string",
    },
  );
}
