// Two writers on one SQLite file, as operators meet them: a CLI backfill (its own process, working the queue
// itself) writes a month of partitions while a reviewer approves evidence through the real review code in this
// process. Every approval goes through; none fails with SQLITE_BUSY.
import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approvePlan } from "@/lib/pipeline/plan-approval";
import { createPlan } from "@/lib/pipeline/plans";
import { reviewEvidence } from "@/lib/pipeline/review";
import { planAndExecute, useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

/** Evidence a reviewer may approve now: a succeeded run of one of these backfills, not yet reviewed. */
async function approvable(backfillIds: number[]) {
  return db.evidence.findMany({
    where: {
      reviews: { none: {} },
      run: {
        status: "succeeded",
        backfillId: { in: backfillIds },
        checks: { none: { severity: "blocking", passed: false } },
      },
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
}

describe("a CLI backfill beside reviews", () => {
  it("approves every evidence it is asked to while the CLI writes: zero failed approvals", async () => {
    // Ten partitions waiting for review before the CLI starts; the CLI's own runs join the queue as they finish.
    const waiting = await planAndExecute({ from: "2026-04-18", to: "2026-04-27", reprocess: "all" });
    // Rewriting a released month takes a second person's approval before the CLI may execute the plan.
    const month = await createPlan({ from: "2026-03-01", to: "2026-03-31", reprocess: "all" }, "operator@example.com");
    if (!month.ok) throw new Error(month.message);
    expect(await approvePlan(month.plan.plan_id, "lead@example.com", "test: rebuild March")).toMatchObject({
      ok: true,
    });
    const cli = spawn(
      process.execPath,
      ["scripts/run.mjs", "cli", "run", "backfill", "--plan", month.plan.plan_id, "--confirm-withdraw"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    cli.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    cli.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let running = true;
    const exited = new Promise<number | null>((resolve) =>
      cli.on("exit", (code) => ((running = false), resolve(code))),
    );

    const outcomes: string[] = [];
    let duringCli = 0;
    let cliBackfill: number | null = null;
    while (running || (await approvable([waiting.backfillId, cliBackfill ?? -1])).length > 0) {
      cliBackfill ??=
        (
          await db.backfill.findFirst({
            where: { firstKey: "2026-03-01", lastKey: "2026-03-31" },
            select: { id: true },
          })
        )?.id ?? null;
      const [next] = await approvable([waiting.backfillId, cliBackfill ?? -1]);
      if (!next) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      try {
        const result = await reviewEvidence({
          evidenceId: next.id,
          reviewer: "reviewer@example.com",
          decision: "approved",
        });
        outcomes.push(result.ok ? "ok" : result.message);
      } catch (e) {
        outcomes.push(e instanceof Error ? e.message : String(e));
      }
      if (running) duringCli += 1;
    }
    expect(await exited, stderr).toBe(0);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as { status: string; runs: { status: string }[] };
    expect(result.status).toBe("completed");
    expect(result.runs).toHaveLength(31);
    expect(outcomes.filter((o) => o !== "ok")).toEqual([]);
    expect(outcomes.length).toBe(10 + 31);
    expect(duringCli).toBeGreaterThanOrEqual(10); // the approvals really ran beside the CLI's writes
  });
});
