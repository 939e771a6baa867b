// A cheap fingerprint of what pages show — builds, runs in flight and their steps, reviews, evidence, drills,
// manifests, plans — so an open page can ask "has anything changed?" every few seconds and refresh only then.
// Each part is its own column, stringified here: SQL shared by both stores (PostgreSQL refuses to coalesce a
// timestamp with '', which SQLite allowed).
import { db } from "@/lib/db";

export async function changeToken(): Promise<string> {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT MAX("id") FROM "Materialization") AS m,
           (SELECT COUNT(*) FROM "Run" WHERE "status" IN ('queued', 'running')) AS active,
           (SELECT COALESCE(SUM("stepsDone"), 0) FROM "Run" WHERE "status" IN ('queued', 'running')) AS steps,
           (SELECT MAX("id") FROM "Run") AS runs,
           (SELECT MAX("id") FROM "Review") AS reviews,
           (SELECT MAX("id") FROM "Evidence") AS evidence,
           (SELECT COUNT(*) FROM "Drill") AS drills,
           (SELECT MAX("revertedAt") FROM "Drill") AS reverted,
           (SELECT MAX("consumedAt") FROM "Drill") AS consumed,
           (SELECT MAX("id") FROM "Manifest") AS manifests,
           (SELECT COUNT(*) FROM "Plan" WHERE "status" <> 'planned') AS plans`;
  // A timestamp comes back as a Date on PostgreSQL: to the millisecond, as SQLite's text has it.
  return Object.values(row ?? {})
    .map((v) => (v instanceof Date ? v.toISOString() : String(v)))
    .join("|");
}
