"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import type { AuditRow } from "@/lib/views/audit";
import { utcTimestamp } from "@/lib/domain/partition";
import { AUDIT_OUTCOMES } from "@/lib/domain/audit";
import { isOneOf } from "@/lib/domain/one-of";
import type { SaidPart } from "@/lib/i18n/text";
import { Said } from "@/components/said";

/** An event, with its detail already said in the reader's language (lib/views/audit.ts auditDetailParts). */
type ShownRow = AuditRow & { said: SaidPart[] };

/** A target that names a partition, plan, run or backfill links to its page. */
function Target({ target }: { target: string }) {
  const partition = /^\d{4}-\d{2}-\d{2}$/.exec(target);
  if (partition) return <Link href={`/partitions/${target}`}>{target}</Link>;
  const named = /^(plan|run|backfill) ([0-9a-f]{16}|\d+)$/.exec(target);
  if (named) return <Link href={`/${named[1]}s/${named[2]}`}>{target}</Link>;
  return <>{target}</>;
}

export function AuditTable({
  rows,
  query,
  paged,
}: {
  rows: ShownRow[];
  query: TableQuery;
  paged: { pageCount: number; total: number };
}) {
  const t = useTranslations("audit");
  const columns = useMemo<ColumnDef<ShownRow>[]>(() => {
    const outcome = (o: string) =>
      isOneOf(AUDIT_OUTCOMES, o) ? t(`outcome.${o as (typeof AUDIT_OUTCOMES)[number]}`) : o;
    return [
      { accessorKey: "id", header: "#" },
      {
        accessorKey: "at",
        header: t("colWhen"),
        enableSorting: false,
        cell: ({ getValue }) => utcTimestamp(new Date(String(getValue()))),
      },
      { accessorKey: "actor", header: t("colWho") },
      { accessorKey: "action", header: t("colAction") },
      { accessorKey: "target", header: t("colTarget"), cell: ({ row }) => <Target target={row.original.target} /> },
      {
        accessorKey: "outcome",
        header: t("colOutcome"),
        cell: ({ getValue }) => <span className={`outcome-${String(getValue())}`}>{outcome(String(getValue()))}</span>,
      },
      {
        accessorKey: "detail",
        header: t("colDetail"),
        enableSorting: false,
        cell: ({ row }) => (
          <span className="small breakable">
            {row.original.occurrences > 1 && (
              <strong>{t("occurrences", { count: row.original.occurrences })} · </strong>
            )}
            <Said parts={row.original.said} />
          </span>
        ),
      },
    ];
  }, [t]);
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="id"
      noun={t("noun")}
      counted={(count) => t("count", { count })}
      pageSize={50}
      paged={paged}
      filters={[
        { key: "actor", column: "actor", label: t("filterWho"), placeholder: "operator@" },
        { key: "action", column: "action", label: t("filterAction"), placeholder: "review." },
        { key: "target", column: "target", label: t("filterTarget"), placeholder: "2026-04-17" },
        {
          key: "outcome",
          column: "outcome",
          label: t("colOutcome"),
          options: [...AUDIT_OUTCOMES],
          optionLabels: Object.fromEntries(AUDIT_OUTCOMES.map((o) => [o, t(`outcome.${o}`)])),
        },
      ]}
    />
  );
}
