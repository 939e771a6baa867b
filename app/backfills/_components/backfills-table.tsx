"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import { BACKFILL_STATUSES, type BackfillStatus } from "@/lib/domain/backfill";
import type { BackfillRow } from "@/lib/views/backfills";

export function BackfillsTable({
  rows,
  query,
  paged,
}: {
  rows: BackfillRow[];
  query: TableQuery;
  paged: { pageCount: number; total: number };
}) {
  const t = useTranslations("backfills");
  const statuses = useTranslations("backfillStatus.label");
  const columns = useMemo<ColumnDef<BackfillRow>[]>(
    () => [
      {
        accessorKey: "id",
        header: t("colBackfill"),
        cell: ({ row }) => <Link href={`/backfills/${row.original.id}`}>{t("link", { id: row.original.id })}</Link>,
      },
      { accessorKey: "action", header: t("colAction") },
      {
        accessorKey: "firstKey",
        header: t("colPartitions"),
        cell: ({ row }) =>
          row.original.firstKey === row.original.lastKey
            ? row.original.firstKey
            : `${row.original.firstKey} .. ${row.original.lastKey}`,
      },
      {
        accessorKey: "status",
        header: t("colStatus"),
        cell: ({ row }) => (
          <span className={`run-status backfill-${row.original.status}`}>
            {statuses(row.original.status as BackfillStatus)}
          </span>
        ),
      },
      {
        accessorKey: "partitionCount",
        header: t("colProgress"),
        cell: ({ row }) => {
          const r = row.original;
          return (
            <span className="small">
              {t("progress", { done: r.done, failed: r.failed, cancelled: r.cancelled, left: r.left })}{" "}
              <span className="muted">{t("of", { total: r.partitionCount })}</span>
            </span>
          );
        },
      },
      { accessorKey: "createdBy", header: t("colStartedBy") },
    ],
    [t, statuses],
  );
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="id"
      noun={t("noun")}
      counted={(count) => t("count", { count })}
      paged={paged}
      filters={[
        {
          key: "status",
          column: "status",
          label: t("colStatus"),
          options: [...BACKFILL_STATUSES],
          optionLabels: Object.fromEntries(BACKFILL_STATUSES.map((s) => [s, statuses(s)])),
        },
        {
          key: "action",
          column: "action",
          label: t("colAction"),
          options: ["retry", "rerun", "replay", "backfill", "restore"],
        },
        { key: "partition", column: "firstKey", label: t("filterPartition"), placeholder: "2026-03" },
        { key: "operator", column: "createdBy", label: t("colStartedBy"), placeholder: "operator@" },
      ]}
    />
  );
}
