"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import type { PlanListRow } from "@/lib/queries/plans";

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
    // "2026-03" matches every plan that touches March 2026, windows included.
    filterFn: (row, _id, value: string) => row.original.partitionKey.startsWith(value) || row.original.toKey.startsWith(value) || (row.original.partitionKey <= value && value <= row.original.toKey),
  },
  { accessorKey: "recoveryAction", header: "Action", filterFn: "equalsString" },
  { accessorKey: "kind", header: "Kind", enableSorting: false },
  { accessorKey: "status", header: "Status", filterFn: "equalsString" },
  { accessorKey: "expectedCount", header: "Current / expected", cell: ({ row }) => `${row.original.currentCount} / ${row.original.expectedCount}` },
  { accessorKey: "operator", header: "Operator" },
  { accessorKey: "createdAt", header: "Planned", cell: ({ getValue }) => `${String(getValue()).replace("T", " ").slice(0, 19)} UTC` },
];

export function PlansTable({ rows, query, actions, statuses }: { rows: PlanListRow[]; query: TableQuery; actions: string[]; statuses: string[] }) {
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="createdAt"
      noun="plans"
      filters={[
        { key: "partition", column: "partitionKey", label: "Partition (YYYY-MM or YYYY-MM-DD)", placeholder: "2026-04-17" },
        { key: "action", column: "recoveryAction", label: "Action", options: actions },
        { key: "status", column: "status", label: "Status", options: statuses },
      ]}
    />
  );
}
