// The reviewers' queue: every run's evidence with its review state, sorted, filtered and paged in SQL — two
// queries (the page, and the count per state for the filter), whatever the number of runs.
import type { Text } from "@/lib/i18n/text";
import { Prisma } from "@/generated/prisma/client";
import type { TableQuery } from "@/contracts/table_query";
import { db } from "@/lib/db";
import { REVIEW_STATES, type ReviewState } from "@/lib/domain/review";
import { pageOf, partitionFilterProblem, prefixEnd, type Page } from "@/lib/views/paging";
import { isOneOf } from "@/lib/domain/one-of";
import { LATER_WRITE } from "@/lib/read-model/supersession";
import { decisionVerifies } from "@/lib/read-model/approvals";

export const EVIDENCE_SORTS = [
  "runId",
  "partitionKey",
  "action",
  "operator",
  "checksFailed",
  "state",
  "ageMinutes",
] as const;
export const EVIDENCE_FILTERS = ["state", "partition", "action", "operator"] as const;
export const EVIDENCE_PER_PAGE = 25;

export interface EvidenceRow {
  runId: number;
  evidenceId: number;
  partitionKey: string;
  action: string;
  operator: string;
  runStatus: string;
  checksPassed: number;
  checksFailed: number;
  warnings: number;
  createdAt: string;
  /** How long it has waited, as of this request. */
  ageMinutes: number;
  state: ReviewState;
  /** The decision the state names is recorded but its signature does not verify: no decision (decision 014). */
  unverified: boolean;
}

const ORDER: Record<(typeof EVIDENCE_SORTS)[number], string> = {
  runId: `"runId"`,
  partitionKey: `"partitionKey"`,
  action: `"action"`,
  operator: `"operator"`,
  checksFailed: `"checksFailed"`,
  state: `"state"`,
  // Older evidence has waited longer.
  ageMinutes: `"createdAt"`,
};

/**
 * Every evidence with its review state, as SQL: superseded when a later write (not undone) hit one of its cells. Its
 * columns cost only where they are read (neither CTE is materialized): the state's parts for a filter, a count or a
 * sort; the rest — the check counts, what the decision's signature covers — for the rows shown.
 */
function queue(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH q AS NOT MATERIALIZED (
      SELECT e."id" AS "evidenceId", e."runId" AS "runId", e."partitionKey" AS "partitionKey", e."createdAt" AS "createdAt",
             e."sha256" AS sha256, r."action" AS action, r."operator" AS operator, r."status" AS "runStatus",
             (SELECT COUNT(*) FROM "CheckResult" c WHERE c."runId" = e."runId" AND c."passed" = true) AS "checksPassed",
             (SELECT COUNT(*) FROM "CheckResult" c WHERE c."runId" = e."runId" AND c."passed" = false AND c."severity" = 'blocking') AS "checksFailed",
             (SELECT COUNT(*) FROM "CheckResult" c WHERE c."runId" = e."runId" AND c."passed" = false AND c."severity" = 'warning') AS warnings,
             v."decision" AS decision, v."reviewer" AS reviewer, v."createdAt" AS "decidedAt", v."signature" AS signature,
             EXISTS (SELECT 1 FROM "Materialization" m ${LATER_WRITE} WHERE m."runId" = e."runId") AS superseded
      -- one review per evidence (unique in the store)
      FROM "Evidence" e JOIN "Run" r ON r."id" = e."runId" LEFT JOIN "Review" v ON v."evidenceId" = e."id"
      ${where}
    ), s AS NOT MATERIALIZED (
      SELECT *, CASE WHEN decision = 'approved' THEN 'approved' WHEN decision = 'rejected' THEN 'rejected' WHEN superseded THEN 'superseded'
                     WHEN "runStatus" <> 'succeeded' OR "checksFailed" > 0 THEN 'not reviewable' ELSE 'awaiting review' END AS state
      FROM q
    )`;
}

export interface EvidenceQueue extends Page<EvidenceRow> {
  /** Runs per review state under the other filters: what the state filter would show. */
  stateCounts: Record<ReviewState, number>;
  problem: Text | null;
}

export async function evidenceQueue(query: TableQuery): Promise<EvidenceQueue> {
  const f = query.filters;
  const problem = partitionFilterProblem(f.partition);
  const conditions: Prisma.Sql[] = [];
  if (f.partition && !problem)
    conditions.push(Prisma.sql`e."partitionKey" >= ${f.partition} AND e."partitionKey" < ${prefixEnd(f.partition)}`);
  if (f.action) conditions.push(Prisma.sql`r."action" = ${f.action}`);
  if (f.operator)
    conditions.push(Prisma.sql`r."operator" >= ${f.operator} AND r."operator" < ${prefixEnd(f.operator)}`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const state = f.state && isOneOf(REVIEW_STATES, f.state) ? f.state : null;
  const order = Prisma.raw(
    `${ORDER[query.sort as keyof typeof ORDER] ?? `"runId"`} ${query.dir === "asc" ? "ASC" : "DESC"}, "runId" DESC`,
  );
  const [counts, rows] = await Promise.all([
    db.$queryRaw<
      { state: ReviewState; n: bigint | number }[]
    >`${queue(where)} SELECT state, COUNT(*) AS n FROM s GROUP BY state`,
    // The page is chosen by its sort key alone, then its rows are read whole: sorting every evidence with all its
    // columns computed cost the queue sorted by failed checks most of its time.
    db.$queryRaw<
      (Omit<EvidenceRow, "createdAt" | "ageMinutes" | "unverified"> & {
        createdAt: string | Date;
        sha256: string;
        decision: string | null;
        reviewer: string | null;
        decidedAt: string | Date | null;
        signature: string | null;
      })[]
    >`
      ${queue(where)}, page AS (
        SELECT "evidenceId" FROM s ${state ? Prisma.sql`WHERE state = ${state}` : Prisma.empty}
        ORDER BY ${order} LIMIT ${EVIDENCE_PER_PAGE} OFFSET ${(query.page - 1) * EVIDENCE_PER_PAGE}
      )
      SELECT s."evidenceId", "runId", "partitionKey", action, operator, "runStatus", "checksPassed", "checksFailed",
             warnings, "createdAt", state, sha256, decision, reviewer, "decidedAt", signature
      FROM page JOIN s ON s."evidenceId" = page."evidenceId"
      ORDER BY ${order}`,
  ]);
  // Which of the page's decisions do not verify. The state filter and its counts stay in SQL, which holds no key: a
  // forged row is counted under its decision there.
  const unverified = ({ decision, reviewer, decidedAt, signature, ...r }: (typeof rows)[number]) => {
    if (decision === null) return false;
    if (reviewer === null || decidedAt === null) return true;
    const decided = { reviewer, decision, createdAt: new Date(decidedAt), signature };
    return !decisionVerifies(decided, { id: Number(r.evidenceId), sha256: r.sha256 });
  };
  const stateCounts = Object.fromEntries(REVIEW_STATES.map((s) => [s, 0])) as Record<ReviewState, number>;
  for (const c of counts) stateCounts[c.state] = Number(c.n);
  const now = Date.now();
  const total = state ? stateCounts[state as ReviewState] : Object.values(stateCounts).reduce((a, b) => a + b, 0);
  return {
    ...pageOf(
      rows.map((r) => ({
        runId: Number(r.runId),
        evidenceId: Number(r.evidenceId),
        partitionKey: r.partitionKey,
        action: r.action,
        operator: r.operator,
        runStatus: r.runStatus,
        checksPassed: Number(r.checksPassed),
        checksFailed: Number(r.checksFailed),
        warnings: Number(r.warnings),
        createdAt: new Date(r.createdAt).toISOString(),
        ageMinutes: Math.max(0, Math.round((now - new Date(r.createdAt).getTime()) / 60000)),
        state: r.state,
        unverified: unverified(r),
      })),
      total,
      EVIDENCE_PER_PAGE,
    ),
    stateCounts,
    problem,
  };
}

/**
 * How many runs await review, for the navigation on every page: the queue's own "awaiting review" (one definition,
 * so the two never disagree), asked only of the evidence no reviewer decided of a run that succeeded — a few percent
 * of a store with years of history — instead of grouping every cell of the store by run (which cost every page
 * about 100 ms on the benchmark's store).
 */
export async function awaitingReviewCount(): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>`
    ${queue(Prisma.sql`WHERE r."status" = 'succeeded' AND v."id" IS NULL`)}
    SELECT COUNT(*) AS n FROM s WHERE state = 'awaiting review'`;
  return Number(row?.n ?? 0);
}

/** The oldest run awaiting review other than `exceptRunId`: where a reviewer goes after a decision. */
export async function nextAwaitingReview(exceptRunId: number): Promise<number | null> {
  const queue = await evidenceQueue({ sort: "runId", dir: "asc", page: 1, filters: { state: "awaiting review" } });
  return queue.rows.find((r) => r.runId !== exceptRunId)?.runId ?? null;
}

export interface BackfillReviewRow {
  runId: number;
  partitionKey: string;
  operator: string;
  checksPassed: number;
  checksFailed: number;
  warnings: number;
  /** Its checks that did not pass — blocking failures and warnings — named, with their asset. */
  notPassed: { name: string; asset: string; severity: string }[];
  state: ReviewState;
}

/**
 * A backfill's runs with their review state and their checks that did not pass, by partition — what its bulk review
 * offers. At most `limit` (a bulk decision's bound); `total` says how many there are. Two queries.
 */
export async function backfillReviewList(
  backfillId: number,
  limit: number,
): Promise<{ rows: BackfillReviewRow[]; total: number }> {
  const [rows, notPassed] = await Promise.all([
    db.$queryRaw<
      {
        runId: number | bigint;
        partitionKey: string;
        operator: string;
        checksPassed: number | bigint;
        checksFailed: number | bigint;
        warnings: number | bigint;
        state: ReviewState;
        total: number | bigint;
      }[]
    >`
    ${queue(Prisma.sql`WHERE r."backfillId" = ${backfillId}`)}
    SELECT "runId", "partitionKey", operator, "checksPassed", "checksFailed", warnings, state, COUNT(*) OVER () AS total FROM s
    ORDER BY "partitionKey" ASC, "runId" ASC LIMIT ${limit}`,
    db.checkResult.findMany({
      where: { passed: false, run: { backfillId } },
      orderBy: [{ runId: "asc" }, { severity: "asc" }, { id: "asc" }],
      select: { runId: true, name: true, assetKey: true, severity: true },
    }),
  ]);
  const byRun = new Map<number, BackfillReviewRow["notPassed"]>();
  for (const c of notPassed) {
    const list = byRun.get(c.runId) ?? [];
    list.push({ name: c.name, asset: c.assetKey, severity: c.severity });
    byRun.set(c.runId, list);
  }
  return {
    rows: rows.map((r) => ({
      runId: Number(r.runId),
      partitionKey: r.partitionKey,
      operator: r.operator,
      checksPassed: Number(r.checksPassed),
      checksFailed: Number(r.checksFailed),
      warnings: Number(r.warnings),
      notPassed: byRun.get(Number(r.runId)) ?? [],
      state: r.state,
    })),
    total: Number(rows[0]?.total ?? 0),
  };
}
