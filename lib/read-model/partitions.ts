// Partition statuses for any range in a fixed number of queries (six), whatever the number of partitions. An approval
// counts only when its signature verifies (lib/read-model/approvals.ts): a cell resting on one that does not is
// pending review, never released.
import { db } from "@/lib/db";
import { jsonValues, onPostgres, rawRows } from "@/lib/raw";
import { PARTITIONED_ASSETS, REPORT_ASSET } from "@/lib/domain/assets";
import { partitionRange, type PartitionKey } from "@/lib/domain/partition";
import {
  deriveStatus,
  gapReason,
  type GapReason,
  type LatestMaterialization,
  type PartitionStatus,
} from "@/lib/domain/status";
import { encodeStatus } from "@/lib/domain/calendar";
import { partitionInputs, type PartitionInput } from "@/lib/read-model/inputs";
import { unverifiedApprovals, type UnverifiedApproval } from "@/lib/read-model/approvals";

export interface AssetPartitionStatus {
  partition_key: PartitionKey;
  asset: string;
  status: PartitionStatus;
  gap_reason: GapReason | null;
  expected_input_count: number;
  current_output_count: number;
}

interface LatestRow {
  assetKey: string;
  partitionKey: string;
  status: LatestMaterialization["status"];
  fingerprint: string;
  rowsAfter: number | null;
  blockingFailed: number | bigint | boolean;
  review: "approved" | "rejected" | null;
  reviewId: number | bigint | null;
}

/** The latest materialization of each (asset, partition) of the range, as PartitionState keeps it — the one
 *  bulk read, done on the raw connection because converting ~100k rows through the Prisma client is slow. */
async function latestMaterializations(
  from: PartitionKey,
  to: PartitionKey,
  assets: readonly string[],
  only: string | null,
): Promise<Map<string, LatestRow>> {
  const rows = await rawRows<LatestRow>(
    `SELECT ps."assetKey" AS "assetKey", ps."partitionKey" AS "partitionKey", ps."status" AS status,
            ps."fingerprint" AS fingerprint, ps."rowsAfter" AS "rowsAfter",
            ps."blockingFailed" AS "blockingFailed", ps."review" AS review, ps."reviewId" AS "reviewId"
     FROM "PartitionState" ps
     WHERE ps."partitionKey" BETWEEN ? AND ? AND ps."assetKey" IN (${jsonValues()})
       AND (CAST(? AS TEXT) IS NULL OR ps."partitionKey" IN (${jsonValues()}))`,
    from,
    to,
    JSON.stringify(assets),
    only,
    only,
  );
  return new Map(rows.map((r) => [`${r.assetKey}|${r.partitionKey}`, r]));
}

/**
 * Rows per partition of the tables that hold an asset's rows (`sources`: raw, silver), for the range — or for the
 * partitions `only` names, each found by its key rather than by reading the whole range between them.
 */
async function outputCounts(
  from: PartitionKey,
  to: PartitionKey,
  only: string | null,
  sources: readonly string[],
): Promise<Map<string, number>> {
  const tables = { raw: "RawTicketEvent", silver: "SilverTicketFact" } as const;
  const wanted = (Object.keys(tables) as (keyof typeof tables)[]).filter((t) => sources.includes(t));
  if (wanted.length === 0) return new Map();
  const where = only === null ? `"partitionKey" BETWEEN ? AND ?` : `"partitionKey" IN (${jsonValues()})`;
  const rows = await rawRows<{ assetKey: string; partitionKey: string; n: number | bigint }>(
    wanted
      .map(
        (t) =>
          `SELECT '${t}' AS "assetKey", "partitionKey" AS "partitionKey", COUNT(*) AS n FROM "${tables[t]}" WHERE ${where} GROUP BY "partitionKey"`,
      )
      .join(" UNION ALL "),
    ...wanted.flatMap(() => (only === null ? [from, to] : [only])),
  );
  return new Map(rows.map((r) => [`${r.assetKey}|${r.partitionKey}`, Number(r.n)]));
}

const COUNT_SOURCE: Record<string, string | null> = {
  [PARTITIONED_ASSETS[0]]: "raw",
  [PARTITIONED_ASSETS[1]]: "silver",
  [PARTITIONED_ASSETS[2]]: null, // the report's count is the ticket_count its latest build wrote
};

/** Statuses of a range, with the approvals among them that do not verify (the calendar's health line names them). */
export interface CheckedStatuses {
  statuses: AssetPartitionStatus[];
  unverified: UnverifiedApproval[];
}

/**
 * Statuses of `assets` (default: the pipeline's own three) for every partition of the range — or only the
 * partitions `only` names. Assets without a row table (the report, derived assets) count what their latest build
 * recorded.
 */
export async function partitionStatuses(...args: Parameters<typeof checkedStatuses>): Promise<AssetPartitionStatus[]> {
  return (await checkedStatuses(...args)).statuses;
}

/**
 * partitionStatuses, and which approvals of the range did not verify. A caller that already checked a range's
 * approvals (the calendar, through statusCodes) passes them as `knownUnverified`.
 */
export async function checkedStatuses(
  from: PartitionKey,
  to: PartitionKey,
  knownInputs?: Map<PartitionKey, PartitionInput>,
  assets: readonly string[] = PARTITIONED_ASSETS,
  only?: PartitionKey[],
  knownUnverified?: UnverifiedApproval[],
): Promise<CheckedStatuses> {
  const onlyJson = only ? JSON.stringify(only) : null;
  const [inputs, latest, counts, movedAside, unverified] = await Promise.all([
    knownInputs ?? partitionInputs(from, to),
    latestMaterializations(from, to, assets, onlyJson),
    // Only the assets shown that keep their rows in a table of their own are counted (none on later asset pages).
    outputCounts(
      from,
      to,
      onlyJson,
      assets.flatMap((a) => COUNT_SOURCE[a] ?? []),
    ),
    db.drill.findMany({
      where: { kind: "move_report_aside", status: "applied", partitionKey: { gte: from, lte: to } },
      select: { partitionKey: true },
    }),
    knownUnverified ?? unverifiedApprovals(from, to, assets, onlyJson),
  ]);
  const untrusted = new Set(unverified.map((u) => u.reviewId));
  const reportGone = new Set(movedAside.map((d) => d.partitionKey));
  const out: AssetPartitionStatus[] = [];
  for (const key of only ?? partitionRange(from, to)) {
    const input = inputs.get(key)!;
    for (const asset of assets) {
      const m = latest.get(`${asset}|${key}`);
      // An approval that does not verify is no decision: the cell awaits a reviewer.
      const review =
        m?.review === "approved" && (m.reviewId === null || untrusted.has(Number(m.reviewId))) ? null : m?.review;
      const status = deriveStatus({
        latest: m
          ? {
              status: m.status,
              fingerprint: m.fingerprint,
              blockingCheckFailed: Boolean(Number(m.blockingFailed)),
              review: review ?? null,
            }
          : null,
        currentFingerprint: input.fingerprint,
        artifactMissing: asset === REPORT_ASSET && reportGone.has(key),
      });
      const source = COUNT_SOURCE[asset] ?? null;
      const current = source
        ? (counts.get(`${source}|${key}`) ?? 0)
        : m?.status === "succeeded" && status !== "missing"
          ? (m.rowsAfter ?? 0)
          : 0;
      const rejected = Boolean(m && !Number(m.blockingFailed) && m.review === "rejected");
      out.push({
        partition_key: key,
        asset,
        status,
        gap_reason: gapReason(status, rejected),
        expected_input_count: input.expectedInputCount,
        current_output_count: current,
      });
    }
  }
  return { statuses: out, unverified };
}

/** Every asset's statuses over a range as codes, and the approvals among them that do not verify. */
export interface StatusCodes {
  codes: Map<string, string>;
  unverified: UnverifiedApproval[];
}

/**
 * The status of every (asset, day) of a range as one string per asset, one code per day (lib/domain/calendar.ts),
 * computed in SQL from PartitionState alone: for pages that need all cells at once (the calendar's legend and gap
 * list across every asset) without building an object per cell. The rules are deriveStatus's
 * (lib/domain/status.ts); statuses.test.ts holds the two equal — approvals that do not verify included: they are
 * found first (the HMAC needs the key, which SQL has not) and handed to the aggregate as reviews that do not count.
 */
export async function statusCodes(
  from: PartitionKey,
  to: PartitionKey,
  assets: readonly string[],
  knownInputs?: Map<PartitionKey, PartitionInput>,
): Promise<StatusCodes> {
  const [inputs, unverified] = await Promise.all([
    knownInputs ?? partitionInputs(from, to),
    unverifiedApprovals(from, to, assets),
  ]);
  const keys = partitionRange(from, to);
  const index = new Map(keys.map((k, i) => [k, i]));
  // One row per asset: its cells as "<key><code>" concatenated, in SQL (SQLite's json_each/group_concat, or
  // PostgreSQL's json_array_elements/string_agg).
  const pgsql = onPostgres();
  const days = pgsql
    ? `SELECT d->>0, d->>1 FROM json_array_elements(?::json) d`
    : `SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)`;
  const cell = `ps."partitionKey" || CASE
        WHEN ps."assetKey" = ? AND ps."partitionKey" IN (SELECT key FROM aside) THEN 'M'
        WHEN ps."status" = 'running' THEN 'U'
        WHEN ps."status" IN ('failed', 'interrupted') THEN 'F'
        WHEN ps."blockingFailed" OR ps."review" = 'rejected' THEN 'Q'
        WHEN ps."fingerprint" <> days.fp THEN 'S'
        WHEN ps."review" = 'approved' AND ps."reviewId" IS NOT NULL AND ps."reviewId" NOT IN (SELECT id FROM untrusted) THEN 'R'
        ELSE 'P' END`;
  const rows = await rawRows<{ asset: string; cells: string }>(
    `WITH days(key, fp) AS (${days}),
          aside(key) AS (SELECT DISTINCT "partitionKey" FROM "Drill" WHERE "kind" = 'move_report_aside' AND "status" = 'applied' AND "partitionKey" BETWEEN ? AND ?),
          untrusted(id) AS (${jsonValues("int")})
     SELECT ps."assetKey" AS asset, ${pgsql ? `string_agg(${cell}, '')` : `group_concat(${cell}, '')`} AS cells
     FROM "PartitionState" ps JOIN days ON days.key = ps."partitionKey"
     WHERE ps."partitionKey" BETWEEN ? AND ? AND ps."assetKey" IN (${jsonValues()})
     GROUP BY ps."assetKey"`,
    JSON.stringify(keys.map((k) => [k, inputs.get(k)!.fingerprint])),
    from,
    to,
    // A cell marked approved with no review id is not released either (IS NOT NULL above).
    JSON.stringify(unverified.flatMap((u) => (u.reviewId === null ? [] : [u.reviewId]))),
    REPORT_ASSET,
    from,
    to,
    JSON.stringify(assets),
  );
  const never = encodeStatus("missing").repeat(keys.length);
  const out = new Map(assets.map((a) => [a, never]));
  for (const { asset, cells } of rows) {
    const codes = never.split("");
    // 11 characters a cell: the partition key, then its code.
    for (let i = 0; i < cells.length; i += 11)
      codes[index.get(cells.slice(i, i + 10) as PartitionKey)!] = cells[i + 10]!;
    out.set(asset, codes.join(""));
  }
  return { codes: out, unverified };
}

/** Every asset the store knows that is built per partition (the pipeline's three and any derived ones), in order. */
export async function partitionedAssets(): Promise<{ key: string; label: string; kind: string }[]> {
  const rows = await db.asset.findMany({
    where: { kind: { not: "consumer" } },
    orderBy: { position: "asc" },
    select: { key: true, label: true, kind: true },
  });
  return rows.length ? rows : PARTITIONED_ASSETS.map((key) => ({ key, label: key, kind: "pipeline" }));
}
