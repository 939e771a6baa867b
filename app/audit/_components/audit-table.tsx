"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import type { AuditRow } from "@/lib/queries/audit";

function detailText(detail: string): string {
  const d = JSON.parse(detail) as Record<string, unknown>;
  if (typeof d.reason === "string") return d.reason;
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

const columns: ColumnDef<AuditRow>[] = [
  { accessorKey: "id", header: "#" },
  { accessorKey: "at", header: "When (UTC)", cell: ({ getValue }) => String(getValue()).replace("T", " ").slice(0, 19) },
  { accessorKey: "actor", header: "Who", filterFn: "includesString" },
  { accessorKey: "action", header: "Action", filterFn: "includesString" },
  { accessorKey: "target", header: "Target", filterFn: "includesString" },
  { accessorKey: "outcome", header: "Outcome", filterFn: "equalsString", cell: ({ getValue }) => <span className={`outcome-${String(getValue())}`}>{String(getValue())}</span> },
  { accessorKey: "detail", header: "Detail", enableSorting: false, cell: ({ getValue }) => <span className="small">{detailText(String(getValue()))}</span> },
];

export function AuditTable({ rows, query }: { rows: AuditRow[]; query: TableQuery }) {
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="id"
      noun="events"
      pageSize={50}
      filters={[
        { key: "actor", column: "actor", label: "Who", placeholder: "operator@" },
        { key: "action", column: "action", label: "Action", placeholder: "review" },
        { key: "target", column: "target", label: "Target", placeholder: "2026-04-17" },
        { key: "outcome", column: "outcome", label: "Outcome", options: ["ok", "refused", "failed"] },
      ]}
    />
  );
}
