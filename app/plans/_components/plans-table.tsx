"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import type { PlanListRow } from "@/lib/views/plans";
import { utcTimestamp } from "@/lib/domain/partition";

export function PlansTable({
  rows,
  query,
  paged,
  actions,
  statuses,
}: {
  rows: PlanListRow[];
  query: TableQuery;
  paged: { pageCount: number; total: number };
  actions: string[];
  statuses: string[];
}) {
  const t = useTranslations("plansList");
  const columns = useMemo<ColumnDef<PlanListRow>[]>(
    () => [
      {
        accessorKey: "partitionKey",
        header: t("colPartitions"),
        cell: ({ row }) => (
          <Link href={`/plans/${row.original.id}`}>
            {row.original.partitionKey}
            {row.original.toKey !== row.original.partitionKey ? ` .. ${row.original.toKey}` : ""}
          </Link>
        ),
      },
      { accessorKey: "recoveryAction", header: t("colAction") },
      {
        accessorKey: "kind",
        header: t("colKind"),
        enableSorting: false,
        cell: ({ row }) => t(`kind.${row.original.kind as "partition" | "window"}`),
      },
      {
        accessorKey: "status",
        header: t("colStatus"),
        cell: ({ row }) => t(`status.${row.original.status as "planned" | "executed" | "drifted"}`),
      },
      {
        accessorKey: "expectedCount",
        header: t("colCounts"),
        cell: ({ row }) => `${row.original.currentCount} / ${row.original.expectedCount}`,
      },
      { accessorKey: "operator", header: t("colOperator") },
      {
        accessorKey: "createdAt",
        header: t("colPlanned"),
        cell: ({ getValue }) => utcTimestamp(new Date(String(getValue()))),
      },
    ],
    [t],
  );
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="createdAt"
      noun={t("noun")}
      counted={(count) => t("count", { count })}
      paged={paged}
      filters={[
        { key: "partition", column: "partitionKey", label: t("filterPartition"), placeholder: "2026-04-17" },
        { key: "action", column: "recoveryAction", label: t("colAction"), options: actions },
        {
          key: "status",
          column: "status",
          label: t("colStatus"),
          options: statuses,
          optionLabels: Object.fromEntries(statuses.map((s) => [s, t(`status.${s as "planned"}`)])),
        },
      ]}
    />
  );
}
