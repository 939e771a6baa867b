"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import { REVIEW_STATES } from "@/lib/domain/review";
import type { EvidenceRow } from "@/lib/views/evidence-queue";

function age(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

const columns: ColumnDef<EvidenceRow>[] = [
  { accessorKey: "runId", header: "Run", cell: ({ row }) => <Link href={`/evidence/${row.original.runId}`}>Run #{row.original.runId}</Link> },
  { accessorKey: "partitionKey", header: "Partition" },
  { accessorKey: "action", header: "Action" },
  { accessorKey: "operator", header: "Operator" },
  {
    accessorKey: "checksFailed",
    header: "Checks",
    cell: ({ row }) => (
      <span className={row.original.checksFailed ? "error-text" : ""}>
        {row.original.checksPassed} passed · {row.original.checksFailed} failed{row.original.warnings ? ` · ${row.original.warnings} warning${row.original.warnings === 1 ? "" : "s"}` : ""}
      </span>
    ),
  },
  { accessorKey: "state", header: "Review" },
  { accessorKey: "ageMinutes", header: "Age", cell: ({ row }) => age(row.original.ageMinutes) },
];

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
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="runId"
      noun="runs"
      paged={paged}
      filters={[
        { key: "state", column: "state", label: "Review", options: [...REVIEW_STATES], optionCounts: stateCounts },
        { key: "partition", column: "partitionKey", label: "Partition (YYYY-MM or YYYY-MM-DD)", placeholder: "2026-04" },
        { key: "action", column: "action", label: "Action", options: actions },
        { key: "operator", column: "operator", label: "Operator (starts with)", placeholder: "operator@" },
      ]}
    />
  );
}
