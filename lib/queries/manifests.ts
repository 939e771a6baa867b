// Every manifest load, valid or rejected, newest first, with the problems named.
import type { ManifestProblem } from "@/contracts/manifest";
import { db } from "@/lib/db";

export async function manifestLoads() {
  const rows = await db.manifest.findMany({
    orderBy: { id: "desc" },
    include: { files: { orderBy: { id: "asc" } } },
  });
  return rows.map((m) => ({ ...m, problems: JSON.parse(m.errors) as ManifestProblem[] }));
}
