"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { useDuration } from "@/app/backfills/_components/duration";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import { BACKFILL_RUN_STATUS_FILTERS, isRunStatus, type BackfillRunStatusFilter } from "@/lib/domain/backfill";
import type { BackfillRunRow } from "@/lib/views/backfills";

/** Every run of a backfill: where each partition stands, how long it took, its checks and a way to its evidence. */
export function BackfillRunsTable({
  rows,
  query,
  paged,
  statusCounts,
  pageSize,
}: {
  pageSize: number;
  rows: BackfillRunRow[];
  query: TableQuery;
  paged: { pageCount: number; total: number };
  statusCounts: Record<BackfillRunStatusFilter, number>;
}) {
  const t = useTranslations("backfillPage.runs");
  const words = useTranslations("backfillPage.stripWord");
  const duration = useDuration();
  const columns = useMemo<ColumnDef<BackfillRunRow>[]>(
    () => [
      {
        accessorKey: "partitionKey",
        header: t("colPartition"),
        cell: ({ row }) => <Link href={`/partitions/${row.original.partitionKey}`}>{row.original.partitionKey}</Link>,
      },
      {
        accessorKey: "status",
        header: t("colStatus"),
        // Next to the partition, so a phone shows it before the table scrolls; in this page's words ("done", as the
        // strip and the counts say), with the run status's colour.
        cell: ({ row }) => {
          const status = row.original.status;
          return <span className={`run-status run-${status}`}>{isRunStatus(status) ? words(status) : status}</span>;
        },
      },
      {
        accessorKey: "runId",
        header: t("colRun"),
        cell: ({ row }) => <Link href={`/runs/${row.original.runId}`}>#{row.original.runId}</Link>,
      },
      { accessorKey: "action", header: t("colAction"), enableSorting: false },
      { accessorKey: "attempt", header: t("colAttempt") },
      {
        id: "duration",
        header: t("colDuration"),
        enableSorting: false,
        cell: ({ row }) => {
          const { startedAt, finishedAt } = row.original;
          return startedAt && finishedAt
            ? duration(new Date(finishedAt).getTime() - new Date(startedAt).getTime())
            : "—";
        },
      },
      {
        accessorKey: "checksFailed",
        header: t("colChecks"),
        cell: ({ row }) => {
          const r = row.original;
          if (r.checksPassed + r.checksFailed + r.warnings === 0) return "—";
          return (
            <span className={r.checksFailed > 0 ? "nowrap error-text" : "nowrap"}>
              {t("checks", { passed: r.checksPassed, failed: r.checksFailed, warnings: r.warnings })}
            </span>
          );
        },
      },
      {
        id: "evidence",
        header: t("colEvidence"),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.hasEvidence ? (
            <Link href={`/evidence/${row.original.runId}`} aria-label={t("evidenceOf", { id: row.original.runId })}>
              {t("evidence")}
            </Link>
          ) : (
            "—"
          ),
      },
    ],
    [t, words, duration],
  );
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="partitionKey"
      noun={t("noun")}
      counted={(count) => t("count", { count })}
      pageSize={pageSize}
      paged={paged}
      filters={[
        {
          key: "status",
          column: "status",
          label: t("colStatus"),
          options: [...BACKFILL_RUN_STATUS_FILTERS],
          optionLabels: Object.fromEntries(
            BACKFILL_RUN_STATUS_FILTERS.map((s) => [s, isRunStatus(s) ? words(s) : t("unfinished")]),
          ),
          optionCounts: statusCounts,
        },
        { key: "partition", column: "partitionKey", label: t("filterPartition"), placeholder: "2026-03" },
      ]}
    />
  );
}
