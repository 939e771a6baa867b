// Crash safety: a real child process runs a backfill and is killed with SIGKILL (kill -9) at a named point.
// Afterwards the run shows as interrupted, the store is intact, and a retry leaves exactly the expected rows.
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recoverInterruptedRuns } from "@/lib/pipeline/run";
import type { CrashPoint } from "@/lib/pipeline/crash-points";
import { useSeededStore } from "@/lib/test-support";

function cli(args: string[], crashAt?: CrashPoint) {
  const env = { ...process.env };
  if (crashAt) env.PARTITION_DESK_CRASH_AT = crashAt;
  else delete env.PARTITION_DESK_CRASH_AT;
  // node + tsx directly (not npx): the kill must hit the process that runs the write.
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], { encoding: "utf8", env });
}

async function partitionRows(key: string) {
  const [raw] = await db.$queryRaw<{ n: number | bigint; d: number | bigint }[]>`SELECT COUNT(*) AS n, COUNT(DISTINCT "ticketId") AS d FROM "RawTicketEvent" WHERE "partitionKey" = ${key}`;
  const [silver] = await db.$queryRaw<{ n: number | bigint; d: number | bigint }[]>`SELECT COUNT(*) AS n, COUNT(DISTINCT "ticketId") AS d FROM "SilverTicketFact" WHERE "partitionKey" = ${key}`;
  return { raw: Number(raw!.n), rawDistinct: Number(raw!.d), silver: Number(silver!.n), silverDistinct: Number(silver!.d) };
}

beforeAll(() => useSeededStore());

describe.each([
  ["before_write", "2026-03-22", 26],
  ["mid_batch", "2026-03-23", 25],
  ["before_status_commit", "2026-03-24", 19],
] as const)("a backfill killed %s", (point, key, expected) => {
  it(`is interrupted, leaves no partial write, and a retry leaves exactly ${expected} rows`, async () => {
    const killed = cli(["run", "backfill", "--partition", key], point);
    expect(killed.signal).toBe("SIGKILL");

    const run = await db.run.findFirstOrThrow({ where: { partitionKey: key }, orderBy: { id: "desc" } });
    expect(run.status).toBe("running"); // what the dead process left behind
    expect(await recoverInterruptedRuns()).toContain(run.id);
    expect(await db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "interrupted", errorKind: "transient" });
    expect(await db.partitionLock.count({ where: { runId: run.id } })).toBe(0);
    const [integrity] = await db.$queryRaw<{ integrity_check: string }[]>`PRAGMA integrity_check`;
    expect(integrity!.integrity_check).toBe("ok");

    // A partition's rows appear all at once or not at all.
    const after = await partitionRows(key);
    expect([0, expected]).toContain(after.raw);
    expect([0, expected]).toContain(after.silver);
    if (point !== "before_status_commit") expect(after).toMatchObject({ raw: 0, silver: 0 });

    const retry = cli(["run", "retry", "--partition", key]);
    expect(retry.stderr).toBe("");
    expect(retry.status).toBe(0);
    const result = JSON.parse(retry.stdout) as { runs: { status: string; attempt: number; retry_of_run_id: number; rows_after: number }[] };
    expect(result.runs).toEqual([expect.objectContaining({ status: "succeeded", attempt: 2, retry_of_run_id: run.id, rows_after: expected })]);
    expect(await partitionRows(key)).toEqual({ raw: expected, rawDistinct: expected, silver: expected, silverDistinct: expected });
  });
});
