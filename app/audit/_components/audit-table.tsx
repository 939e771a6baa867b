"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { TableQuery } from "@/contracts/table_query";
import type { AuditRow } from "@/lib/views/audit";

function detailText(detail: string): string {
  const d = JSON.parse(detail) as Record<string, unknown>;
  if (typeof d.reason === "string") return d.reason;
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

/** A target that names a partition, plan, run or backfill links to its page. */
function Target({ target }: { target: string }) {
  const partition = /^\d{4}-\d{2}-\d{2}$/.exec(target);
  if (partition) return <Link href={`/partitions/${target}`}>{target}</Link>;
  const named = /^(plan|run|backfill) ([0-9a-f]{16}|\d+)$/.exec(target);
  if (named) return <Link href={`/${named[1]}s/${named[2]}`}>{target}</Link>;
  return <>{target}</>;
}

const columns: ColumnDef<AuditRow>[] = [
  { accessorKey: "id", header: "#" },
  { accessorKey: "at", header: "When (UTC)", enableSorting: false, cell: ({ getValue }) => String(getValue()).replace("T", " ").slice(0, 19) },
  { accessorKey: "actor", header: "Who" },
  { accessorKey: "action", header: "Action" },
  { accessorKey: "target", header: "Target", cell: ({ row }) => <Target target={row.original.target} /> },
  { accessorKey: "outcome", header: "Outcome", cell: ({ getValue }) => <span className={`outcome-${String(getValue())}`}>{String(getValue())}</span> },
  { accessorKey: "detail", header: "Detail", enableSorting: false, cell: ({ getValue }) => <span className="small breakable">{detailText(String(getValue()))}</span> },
];

export function AuditTable({ rows, query, paged }: { rows: AuditRow[]; query: TableQuery; paged: { pageCount: number; total: number } }) {
  return (
    <DataTable
      rows={rows}
      columns={columns}
      query={query}
      defaultSort="id"
      noun="events"
      pageSize={50}
      paged={paged}
      filters={[
        { key: "actor", column: "actor", label: "Who (starts with)", placeholder: "operator@" },
        { key: "action", column: "action", label: "Action (starts with)", placeholder: "review." },
        { key: "target", column: "target", label: "Target (starts with)", placeholder: "2026-04-17" },
        { key: "outcome", column: "outcome", label: "Outcome", options: ["ok", "refused", "failed"] },
      ]}
    />
  );
}
