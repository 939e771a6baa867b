// One page of a list, as every list page gets it: the rows of the page, how many pages, how many rows in all.
// Loaders sort, filter and page in SQL with a fixed number of queries, whatever the size of the store.
import { isOneOf } from "@/lib/domain/one-of";
import { text, type Text } from "@/lib/i18n/text";

export interface Page<Row> {
  rows: Row[];
  pageCount: number;
  total: number;
}

export function pageOf<Row>(rows: Row[], total: number, pageSize: number): Page<Row> {
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** The last key a prefix can match ("2026-04" → everything that starts with it), for index-friendly ranges. */
export function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`;
}

/**
 * A filter on a column of closed values (a status): the value, or — for a value the list does not hold — a
 * condition no row meets, so an unknown filter shows nothing instead of failing the store's enum validation.
 */
export function closedFilter<T extends string>(values: readonly T[], value: string): T | { in: T[] } {
  return isOneOf(values, value) ? value : { in: [] };
}

/** A partition filter as operators type it: a year, a month or a day. */
export const PARTITION_PREFIX = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function partitionFilterProblem(value: string | undefined): Text | null {
  if (!value) return null;
  return PARTITION_PREFIX.test(value) ? null : text("paging.badPartitionFilter", { value });
}
