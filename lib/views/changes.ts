// A cheap fingerprint of what pages show — builds, runs in flight and their steps, reviews, evidence, drills,
// manifests, plans — so an open page can ask "has anything changed?" every few seconds and refresh only then.
import { db } from "@/lib/db";

export async function changeToken(): Promise<string> {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT MAX("id") FROM "Materialization") AS m,
           (SELECT COUNT(*) FROM "Run" WHERE "status" IN ('queued', 'running')) AS active,
           (SELECT COALESCE(SUM("stepsDone"), 0) FROM "Run" WHERE "status" IN ('queued', 'running')) AS steps,
           (SELECT MAX("id") FROM "Run") AS runs,
           (SELECT MAX("id") FROM "Review") AS reviews,
           (SELECT MAX("id") FROM "Evidence") AS evidence,
           (SELECT COUNT(*) || ':' || COALESCE(MAX("revertedAt"), '') || ':' || COALESCE(MAX("consumedAt"), '') FROM "Drill") AS drills,
           (SELECT MAX("id") FROM "Manifest") AS manifests,
           (SELECT COUNT(*) FROM "Plan" WHERE "status" <> 'planned') AS plans`;
  return Object.values(row ?? {})
    .map(String)
    .join("|");
}
