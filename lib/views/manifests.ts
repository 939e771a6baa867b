// The manifests list, newest first, paged in SQL: two queries (the page with its files, and the count).
import { db } from "@/lib/db";
import type { ManifestStatus } from "@/lib/domain/manifest";
import { pageOf, type Page } from "@/lib/views/paging";
import { manifestProblems } from "@/lib/store-json";

export const MANIFESTS_PER_PAGE = 25;

export interface ManifestListRow {
  id: number;
  manifestId: string | null;
  fileName: string;
  status: string;
  problems: ReturnType<typeof manifestProblems>;
  source: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  recordCount: number;
  loadedBy: string;
  loadedAt: Date;
  files: { id: number; path: string; sha256: string | null; recordCount: number | null }[];
}

export async function manifestList(page: number, status?: ManifestStatus): Promise<Page<ManifestListRow>> {
  const where = status ? { status } : {};
  const [total, rows] = await Promise.all([
    db.manifest.count({ where }),
    db.manifest.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * MANIFESTS_PER_PAGE,
      take: MANIFESTS_PER_PAGE,
      include: { files: { orderBy: { id: "asc" }, select: { id: true, path: true, sha256: true, recordCount: true } } },
    }),
  ]);
  return pageOf(
    rows.map(({ errors, ...m }) => ({ ...m, problems: manifestProblems(errors) })),
    total,
    MANIFESTS_PER_PAGE,
  );
}
