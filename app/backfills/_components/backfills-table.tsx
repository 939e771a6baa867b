"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import type { BackfillRow } from "@/lib/queries/backfills";

const columns: ColumnDef<BackfillRow>[] = [
  { accessorKey: "id", header: "Backfill", cell: ({ row }) => <Link href={`/backfills/${row.original.id}`}>Backfill #{row.original.id}</Link> },
  { accessorKey: "action", header: "Action" },
  {
    accessorKey: "firstKey",
    header: "Partitions",
    cell: ({ row }) => (row.original.firstKey === row.original.lastKey ? row.original.firstKey : `${row.original.firstKey} .. ${row.original.lastKey}`),
  },
  { accessorKey: "status", header: "Status", cell: ({ row }) => <span className={`run-status backfill-${row.original.status}`}>{row.original.status.replaceAll("_", " ")}</span> },
  {
    accessorKey: "partitionCount",
    header: "Progress",
    cell: ({ row }) => {
      const r = row.original;
      return (
        <span className="small">
          {r.done} done · {r.failed} failed · {r.cancelled} cancelled · {r.left} left <span className="muted">of {r.partitionCount}</span>
        </span>
      );
    },
  },
  { accessorKey: "createdBy", header: "Started by" },
];

export function BackfillsTable({ rows, query, paged }: { rows: BackfillRow[]; query: TableQuery; paged: { pageCount: number; total: number } }) {
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="id"
      noun="backfills"
      paged={paged}
      filters={[
        { key: "status", column: "status", label: "Status", options: ["queued", "running", "paused", "cancelling", "cancelled", "completed", "completed_with_failures"] },
        { key: "action", column: "action", label: "Action", options: ["retry", "rerun", "replay", "backfill", "restore"] },
        { key: "partition", column: "firstKey", label: "Partition (YYYY-MM or YYYY-MM-DD)", placeholder: "2026-03" },
        { key: "operator", column: "createdBy", label: "Started by", placeholder: "operator@" },
      ]}
    />
  );
}
