"use client";

import { useTranslations } from "next-intl";
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
} from "@tanstack/react-table";
import type { TableQuery } from "@/contracts/table_query";
import { ScrollTable } from "@/components/scroll-table";

export interface FilterDef {
  /** URL parameter name. */
  key: string;
  /** Column the filter applies to. */
  column: string;
  label: string;
  options?: string[];
  /** What each option says (the value stays the token in the URL). */
  optionLabels?: Record<string, string>;
  /** How many rows each option would show (counted in SQL). */
  optionCounts?: Record<string, number>;
  placeholder?: string;
}

/**
 * A TanStack table whose state (sort, filters, page) lives in the URL: every change is a navigation, so a
 * reload or a shared link shows the same view. With `paged`, the server already sorted, filtered and paged the
 * rows in SQL (manual mode): `rows` is one page of `paged.total`.
 */
export function DataTable<Row>({
  rows,
  columns,
  query,
  filters,
  defaultSort,
  noun,
  counted,
  pageSize = 25,
  paged,
}: {
  rows: Row[];
  columns: ColumnDef<Row>[];
  query: TableQuery;
  filters: FilterDef[];
  defaultSort: string;
  /** The rows' name, for the filter's label and "no … match". */
  noun: string;
  /** "1 run", "2 runs": a count with its noun, through the catalog's plural forms. */
  counted: (count: number) => string;
  pageSize?: number;
  paged?: { pageCount: number; total: number };
}) {
  const t = useTranslations("table");
  const router = useRouter();
  const pathname = usePathname();
  const sorting = useMemo(() => [{ id: query.sort, desc: query.dir === "desc" }], [query.sort, query.dir]);
  const columnFilters = useMemo(
    () => filters.filter((f) => query.filters[f.key]).map((f) => ({ id: f.column, value: query.filters[f.key] })),
    [filters, query.filters],
  );

  function update(next: { sort?: string; dir?: "asc" | "desc"; page?: number; filter?: [string, string] }) {
    const sort = next.sort ?? query.sort;
    const dir = next.dir ?? query.dir;
    const page = next.page ?? query.page;
    const values = { ...query.filters, ...(next.filter ? { [next.filter[0]]: next.filter[1] } : {}) };
    const params = new URLSearchParams();
    if (sort !== defaultSort) params.set("sort", sort);
    if (dir !== "desc") params.set("dir", dir);
    for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
    if (page > 1) params.set("page", String(page));
    router.replace(params.size ? `${pathname}?${params}` : pathname, { scroll: false });
  }

  // We do not use the React Compiler, so TanStack's non-memoizable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, columnFilters, pagination: { pageIndex: query.page - 1, pageSize } },
    getCoreRowModel: getCoreRowModel(),
    ...(paged
      ? { manualPagination: true, manualSorting: true, manualFiltering: true, pageCount: paged.pageCount }
      : {
          getSortedRowModel: getSortedRowModel(),
          getFilteredRowModel: getFilteredRowModel(),
          getPaginationRowModel: getPaginationRowModel(),
        }),
  });
  const shown = paged ? paged.total : table.getFilteredRowModel().rows.length;

  return (
    <div>
      <form
        className="inline-form wrap filters"
        role="search"
        aria-label={t("filter", { noun })}
        onSubmit={(e) => e.preventDefault()}
      >
        {filters.map((f) => (
          <label key={f.key}>
            {f.label}
            {f.options ? (
              <select
                value={query.filters[f.key] ?? ""}
                onChange={(e) => update({ filter: [f.key, e.target.value], page: 1 })}
              >
                <option value="">{t("any")}</option>
                {f.options.map((o) => (
                  <option key={o} value={o}>
                    {f.optionCounts
                      ? `${f.optionLabels?.[o] ?? o} (${(f.optionCounts[o] ?? 0).toLocaleString("en")})`
                      : (f.optionLabels?.[o] ?? o)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                defaultValue={query.filters[f.key] ?? ""}
                placeholder={f.placeholder}
                onChange={(e) => update({ filter: [f.key, e.target.value], page: 1 })}
              />
            )}
          </label>
        ))}
        <span className="muted small" aria-live="polite">
          {paged ? counted(shown) : t("shownOf", { shown, total: counted(rows.length) })}
        </span>
      </form>
      <ScrollTable>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                  >
                    {h.column.getCanSort() ? (
                      <button
                        type="button"
                        className="sort"
                        onClick={() =>
                          update({
                            sort: h.column.id,
                            dir: query.sort === h.column.id && query.dir === "asc" ? "desc" : "asc",
                            page: 1,
                          })
                        }
                      >
                        {flexRender(h.column.columnDef.header, h.getContext())}{" "}
                        {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : ""}
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
                {t("none", { noun })}
              </td>
            </tr>
          )}
        </tbody>
      </ScrollTable>
      {table.getPageCount() > 1 && (
        <nav className="inline-form pager" aria-label={t("pages")}>
          <button
            type="button"
            className="secondary"
            disabled={!table.getCanPreviousPage()}
            onClick={() => update({ page: query.page - 1 })}
          >
            {t("previous")}
          </button>
          <span>{t("pageOf", { page: query.page, count: table.getPageCount() })}</span>
          <button
            type="button"
            className="secondary"
            disabled={!table.getCanNextPage()}
            onClick={() => update({ page: query.page + 1 })}
          >
            {t("next")}
          </button>
        </nav>
      )}
    </div>
  );
}
