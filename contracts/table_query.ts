// A table's state as it lives in the URL — sort, direction, filters and page — parsed with defaults, so a
// bad or missing value falls back instead of breaking the page.
import { z } from "zod";

export interface TableQuery {
  sort: string;
  dir: "asc" | "desc";
  filters: Record<string, string>;
  page: number;
}

export function tableQuerySchema<S extends string, F extends string>(
  sortColumns: readonly [S, ...S[]],
  filterKeys: readonly F[],
  defaultSort: S,
) {
  const filters = Object.fromEntries(
    filterKeys.map((k) => [k, z.string().trim().max(40).catch("").default("")]),
  ) as unknown as Record<F, z.ZodType<string>>;
  return z
    .object({
      sort: z.enum(sortColumns).catch(defaultSort).default(defaultSort),
      dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
      page: z.coerce.number().int().min(1).catch(1).default(1),
      ...filters,
    })
    .transform((q): TableQuery => {
      const { sort, dir, page, ...rest } = q as { sort: S; dir: "asc" | "desc"; page: number } & Record<string, string>;
      return { sort, dir, page, filters: rest };
    });
}
