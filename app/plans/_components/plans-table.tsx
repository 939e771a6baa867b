"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import type { PlanListRow } from "@/lib/views/plans";

const columns: ColumnDef<PlanListRow>[] = [
  {
    accessorKey: "partitionKey",
    header: "Partition(s)",
    cell: ({ row }) => (
      <Link href={`/plans/${row.original.id}`}>
        {row.original.partitionKey}
        {row.original.toKey !== row.original.partitionKey ? ` .. ${row.original.toKey}` : ""}
      </Link>
    ),
  },
  { accessorKey: "recoveryAction", header: "Action" },
  { accessorKey: "kind", header: "Kind", enableSorting: false },
  { accessorKey: "status", header: "Status" },
  { accessorKey: "expectedCount", header: "Current / expected", cell: ({ row }) => `${row.original.currentCount} / ${row.original.expectedCount}` },
  { accessorKey: "operator", header: "Operator" },
  { accessorKey: "createdAt", header: "Planned", cell: ({ getValue }) => `${String(getValue()).replace("T", " ").slice(0, 19)} UTC` },
];

export function PlansTable({ rows, query, paged, actions, statuses }: { rows: PlanListRow[]; query: TableQuery; paged: { pageCount: number; total: number }; actions: string[]; statuses: string[] }) {
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="createdAt"
      noun="plans"
      paged={paged}
      filters={[
        { key: "partition", column: "partitionKey", label: "Partition (YYYY-MM or YYYY-MM-DD)", placeholder: "2026-04-17" },
        { key: "action", column: "recoveryAction", label: "Action", options: actions },
        { key: "status", column: "status", label: "Status", options: statuses },
      ]}
    />
  );
}
