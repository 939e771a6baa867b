// What the evidence page, the run tables, the queue and the navigation say about a run must agree with each other
// and with the downstream gate: "released" only when the consumption API says consumable, "superseded" (with the run
// to review instead) wherever a later run rewrote what a run built, and "what changed" never claims a first build
// when an earlier build existed.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { render } from "@/lib/i18n/text";
import { applyDrill } from "@/lib/pipeline/drills";
import { reviewEvidence } from "@/lib/pipeline/review";
import { consumption } from "@/lib/read-model/consumption";
import { drainQueue } from "@/lib/engine/worker";
import { planAndExecute, useSeededStore } from "@/lib/test-support";
import { evidenceDetail } from "@/lib/views/evidence";
import { awaitingReviewCount, evidenceQueue, nextAwaitingReview } from "@/lib/views/evidence-queue";
import { runPage } from "@/lib/views/runs";
import { partitionDetail } from "@/lib/views/partition";
import { createPlan } from "@/lib/pipeline/plans";

beforeAll(() => useSeededStore());

const REVIEWER = "reviewer@example.com";

async function approve(runId: number) {
  const evidence = await db.evidence.findUniqueOrThrow({ where: { runId } });
  const decided = await reviewEvidence({ evidenceId: evidence.id, reviewer: REVIEWER, decision: "approved" });
  if (!decided.ok) throw new Error(decided.message);
}

const step = (detail: NonNullable<Awaited<ReturnType<typeof evidenceDetail>>>, name: string) => {
  const s = detail.steps.find((x) => x.name === name)!;
  return { state: s.state, detail: render(s.detail, "en") };
};

describe("the evidence page reads the downstream gate", () => {
  it("a report rebuild approved on released silver is released; once silver is quarantined it is held, as the API says", async () => {
    const key = "2026-04-22" as PartitionKey;
    expect(await applyDrill("move_report_aside", { partitionKey: key }, "operator@example.com")).toMatchObject({
      ok: true,
    });
    const rebuild = await planAndExecute({ partition: key });
    const runId = rebuild.runIds[0]!;
    await approve(runId);
    let detail = (await evidenceDetail(runId))!;
    expect((await consumption(key, "week07")).consumable).toBe(true);
    expect(step(detail, "released")).toEqual({ state: "done", detail: "downstream may consume it" });
    // What changed: the report was built before (by the scheduled run), so this is no first build.
    const scheduled = await db.run.findFirstOrThrow({ where: { partitionKey: key, action: "scheduled" } });
    const report = detail.changes[0]!;
    expect(report.after).toBeGreaterThan(0);
    expect(detail.changes.map((c) => [c.asset, c.noDiff && render(c.noDiff, "en")])).toEqual([
      [
        REPORT_ASSET,
        `a file, not compared ticket by ticket: 0 → ${report.after} tickets (run ${scheduled.id} built it earlier)`,
      ],
    ]);

    // A drill nulls silver's priorities: silver is quarantined, downstream is held — the report run's page says so.
    expect(await applyDrill("corrupt_priorities", { partitionKey: key }, "operator@example.com")).toMatchObject({
      ok: true,
    });
    await drainQueue();
    const gate = await consumption(key, "week07");
    expect(gate).toMatchObject({ consumable: false, reason: expect.stringMatching(/^held: silver is quarantined/) });
    detail = (await evidenceDetail(runId))!;
    expect(step(detail, "released")).toEqual({ state: "current", detail: "held: silver is quarantined" });
    expect(render(detail.downstream, "en")).toBe(gate.reason);
    expect(detail.statuses.find((s) => s.asset === SILVER_ASSET)!.status).toBe("quarantined");
  });

  it("a first build says so", async () => {
    const { runIds } = await planAndExecute({ partition: "2026-03-23" });
    const detail = (await evidenceDetail(runIds[0]!))!;
    expect(new Set(detail.changes.map((c) => c.noDiff && render(c.noDiff, "en")))).toEqual(
      new Set(["a first build of this partition: nothing earlier to compare with"]),
    );
  });
});

describe("a rebuild on top of silver that is not released", () => {
  it("is neither offered nor accepted: the issue's 2026-04-21 (report moved aside, silver failed by a rerun)", async () => {
    const key = "2026-04-21" as PartitionKey;
    const operator = "operator@example.com";
    expect(await applyDrill("move_report_aside", { partitionKey: key }, operator)).toMatchObject({ ok: true });
    expect(
      await applyDrill("inject_transient_fault", { partitionKey: key, assetKey: SILVER_ASSET }, operator),
    ).toMatchObject({ ok: true });
    const rerun = await planAndExecute({ partition: key, action: "rerun" });
    expect(rerun.summaries).toMatchObject([{ status: "failed" }]);
    // A rerun rebuilt raw (awaiting review) and failed at silver: the report would sit on both.
    const refusal = `backfill of ${key} would rebuild only partition report, on top of what is not released — raw ticket events (pending_review) and silver ticket facts (failed): a rebuild never builds on an upstream nobody approved. Recover the partition first (its fitting action), then rebuild what is missing`;
    // The recovery panel shows it refused, with why; the server refuses the plan and stores nothing.
    const page = await partitionDetail(key);
    expect(page.actions.find((a) => a.action === "backfill")).toMatchObject({ ok: false, message: refusal });
    expect(page.fittingAction).toBe("retry");
    const plans = await db.plan.count();
    expect(await createPlan({ partition: key, action: "backfill" }, operator)).toMatchObject({
      ok: false,
      message: refusal,
    });
    expect(await db.plan.count()).toBe(plans);
    expect((await consumption(key, "week07")).reason).toMatch(/^held: silver is failed/);
  });
});

describe("a superseded run", () => {
  it("says so wherever it is listed, names the latest run of the chain, and is not counted as awaiting review", async () => {
    const key = "2026-03-24" as PartitionKey;
    const [first] = (await planAndExecute({ partition: key })).runIds;
    const [second] = (await planAndExecute({ partition: key, action: "rerun" })).runIds;
    await approve(second!);
    const [third] = (await planAndExecute({ partition: key, action: "rerun" })).runIds;

    const detail = (await evidenceDetail(first!))!;
    expect(detail.supersededBy).toEqual({ newer: second, latest: third });
    expect(step(detail, "reviewed")).toEqual({ state: "stopped", detail: `superseded by run ${second}` });
    expect(step(detail, "released")).toMatchObject({ state: "todo" });

    const runs = await runPage({ partitionKey: key });
    expect(runs.rows.filter((r) => [first, second, third].includes(r.id)).map((r) => [r.id, r.review])).toEqual([
      [third, { kind: "awaiting" }],
      [second, { kind: "decided", decision: "approved", reviewer: REVIEWER }],
      [first, { kind: "superseded", latest: third }],
    ]);

    const queue = await evidenceQueue({ sort: "runId", dir: "asc", page: 1, filters: { partition: key } });
    expect(queue.rows.map((r) => [r.runId, r.state])).toEqual([
      [first, "superseded"],
      [second, "approved"],
      [third, "awaiting review"],
    ]);
    // The navigation's count is the queue's awaiting count, and "next awaiting" never offers a superseded run.
    const awaiting = await evidenceQueue({ sort: "runId", dir: "asc", page: 1, filters: { state: "awaiting review" } });
    expect(await awaitingReviewCount()).toBe(awaiting.total);
    expect(awaiting.rows.map((r) => r.runId)).not.toContain(first);
    expect(await nextAwaitingReview(-1)).not.toBe(first);
  });
});

describe("a decision that does not verify", () => {
  it("is shown as no decision on the evidence page, in the run tables and in the queue", async () => {
    const key = "2026-04-28" as PartitionKey;
    const run = await db.run.findFirstOrThrow({ where: { partitionKey: key, action: "scheduled" } });
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: run.id } });
    await db.$executeRaw`INSERT INTO "Review" ("evidenceId", "reviewer", "decision", "createdAt") VALUES (${evidence.id}, 'nobody@example.com', 'approved', ${new Date()})`;
    const detail = (await evidenceDetail(run.id))!;
    expect(detail.review).toBeNull();
    expect(detail.unsignedReview).toMatchObject({ reviewer: "nobody@example.com", decision: "approved" });
    expect(step(detail, "reviewed")).toEqual({
      state: "current",
      detail: "the recorded decision does not verify: awaiting a reviewer",
    });
    expect((await runPage({ partitionKey: key })).rows.find((r) => r.id === run.id)!.review).toEqual({
      kind: "unsigned",
      decision: "approved",
      reviewer: "nobody@example.com",
    });
    const queue = await evidenceQueue({ sort: "runId", dir: "asc", page: 1, filters: { partition: key } });
    expect(queue.rows.find((r) => r.runId === run.id)).toMatchObject({ state: "approved", unverified: true });
  });
});
