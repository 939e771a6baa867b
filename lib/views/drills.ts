// The drill history, newest first, paged in SQL: two queries per page.
import { db } from "@/lib/db";
import { pageOf, type Page } from "@/lib/views/paging";

export const DRILLS_PER_PAGE = 25;

export async function drillHistory(page: number): Promise<Page<Awaited<ReturnType<typeof db.drill.findMany>>[number]>> {
  const [total, rows] = await Promise.all([
    db.drill.count(),
    db.drill.findMany({ orderBy: { id: "desc" }, skip: (page - 1) * DRILLS_PER_PAGE, take: DRILLS_PER_PAGE }),
  ]);
  return pageOf(rows, total, DRILLS_PER_PAGE);
}

/** The drill the revert panel is about (`/drills?revert=<id>`), or null. */
export async function drillToRevert(id: number) {
  return db.drill.findUnique({
    where: { id },
    select: { id: true, kind: true, partitionKey: true, assetKey: true, checkName: true, status: true, operator: true },
  });
}
