"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useMemo } from "react";
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type SortingState,
} from "@tanstack/react-table";
import type { PlansQuery } from "@/contracts/plans_query";
import type { PlanListRow } from "@/lib/queries/plans";

const PAGE_SIZE = 25;

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

export function PlansTable({ rows, query, actions, statuses }: { rows: PlanListRow[]; query: PlansQuery; actions: string[]; statuses: string[] }) {
  const router = useRouter();
  const pathname = usePathname();

  const sorting: SortingState = useMemo(() => [{ id: query.sort, desc: query.dir === "desc" }], [query.sort, query.dir]);
  const columnFilters: ColumnFiltersState = useMemo(
    () =>
      [
        { id: "partitionKey", value: query.partition },
        { id: "recoveryAction", value: query.action },
        { id: "status", value: query.status },
      ].filter((f) => f.value !== ""),
    [query.partition, query.action, query.status],
  );

  // The URL is the table's state: every change is a navigation, so reload and share keep it.
  function update(next: Partial<PlansQuery>) {
    const merged = { ...query, ...next };
    const params = new URLSearchParams();
    if (merged.sort !== "createdAt") params.set("sort", merged.sort);
    if (merged.dir !== "desc") params.set("dir", merged.dir);
    if (merged.partition) params.set("partition", merged.partition);
    if (merged.action) params.set("action", merged.action);
    if (merged.status) params.set("status", merged.status);
    if (merged.page > 1) params.set("page", String(merged.page));
    router.replace(params.size ? `${pathname}?${params}` : pathname, { scroll: false });
  }

  // We do not use the React Compiler, so TanStack's non-memoizable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, columnFilters, pagination: { pageIndex: query.page - 1, pageSize: PAGE_SIZE } },
    manualPagination: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
  });
  const shown = table.getFilteredRowModel().rows.length;

  return (
    <div>
      <form className="inline-form wrap filters" role="search" aria-label="Filter plans" onSubmit={(e) => e.preventDefault()}>
        <label>
          Partition (YYYY-MM or YYYY-MM-DD)
          <input defaultValue={query.partition} placeholder="2026-04-17" onChange={(e) => update({ partition: e.target.value, page: 1 })} />
        </label>
        <label>
          Action
          <select value={query.action} onChange={(e) => update({ action: e.target.value, page: 1 })}>
            <option value="">any</option>
            {actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={query.status} onChange={(e) => update({ status: e.target.value, page: 1 })}>
            <option value="">any</option>
            {statuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <span className="muted small" aria-live="polite">
          {shown} of {rows.length} plans
        </span>
      </form>
      <table className="table">
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                return (
                  <th key={h.id} scope="col" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}>
                    {h.column.getCanSort() ? (
                      <button
                        type="button"
                        className="sort"
                        onClick={() => update({ sort: h.column.id as PlansQuery["sort"], dir: query.sort === h.column.id && query.dir === "asc" ? "desc" : "asc" })}
                      >
                        {flexRender(h.column.columnDef.header, h.getContext())} {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
          {shown === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                No plan matches these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {table.getPageCount() > 1 && (
        <nav className="inline-form pager" aria-label="Pages">
          <button type="button" className="secondary" disabled={!table.getCanPreviousPage()} onClick={() => update({ page: query.page - 1 })}>
            Previous
          </button>
          <span>
            Page {query.page} of {table.getPageCount()}
          </span>
          <button type="button" className="secondary" disabled={!table.getCanNextPage()} onClick={() => update({ page: query.page + 1 })}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
