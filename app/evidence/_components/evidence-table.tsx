"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import { REVIEW_STATES } from "@/lib/domain/review";
import type { EvidenceRow } from "@/lib/views/evidence-queue";

export function EvidenceTable({
  rows,
  query,
  paged,
  stateCounts,
  actions,
}: {
  rows: EvidenceRow[];
  query: TableQuery;
  paged: { pageCount: number; total: number };
  stateCounts: Record<string, number>;
  actions: string[];
}) {
  const t = useTranslations("evidenceQueue");
  const states = useTranslations("reviewState");
  const columns = useMemo<ColumnDef<EvidenceRow>[]>(() => {
    const age = (minutes: number) =>
      minutes < 60
        ? t("ageMin", { n: minutes })
        : minutes < 48 * 60
          ? t("ageH", { n: Math.round(minutes / 60) })
          : t("ageD", { n: Math.round(minutes / 1440) });
    return [
      {
        accessorKey: "runId",
        header: t("colRun"),
        cell: ({ row }) => (
          <Link href={`/evidence/${row.original.runId}`}>{t("runLink", { id: row.original.runId })}</Link>
        ),
      },
      { accessorKey: "partitionKey", header: t("colPartition") },
      { accessorKey: "action", header: t("colAction") },
      { accessorKey: "operator", header: t("colOperator") },
      {
        accessorKey: "checksFailed",
        header: t("colChecks"),
        cell: ({ row }) => {
          const { checksPassed: passed, checksFailed: failed, warnings } = row.original;
          return (
            <span className={failed ? "error-text" : ""}>
              {warnings ? t("checksWarn", { passed, failed, warnings }) : t("checks", { passed, failed })}
            </span>
          );
        },
      },
      {
        accessorKey: "state",
        header: t("colReview"),
        cell: ({ row }) =>
          row.original.unverified ? t("unverified", { state: states(row.original.state) }) : states(row.original.state),
      },
      { accessorKey: "ageMinutes", header: t("colAge"), cell: ({ row }) => age(row.original.ageMinutes) },
    ];
  }, [t, states]);
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="runId"
      noun={t("noun")}
      counted={(count) => t("count", { count })}
      paged={paged}
      filters={[
        {
          key: "state",
          column: "state",
          label: t("colReview"),
          options: [...REVIEW_STATES],
          optionLabels: Object.fromEntries(REVIEW_STATES.map((s) => [s, states(s)])),
          optionCounts: stateCounts,
        },
        { key: "partition", column: "partitionKey", label: t("filterPartition"), placeholder: "2026-04" },
        { key: "action", column: "action", label: t("colAction"), options: actions },
        { key: "operator", column: "operator", label: t("filterOperator"), placeholder: "operator@" },
      ]}
    />
  );
}
