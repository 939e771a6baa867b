// Operators never act on the wrong thing: the smallest rebuild that fits, a yes before withdrawing released
// data, a drill applied exactly as previewed, and a rejection named as one.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { REPORT_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { executePlan } from "@/lib/engine/execute-plan";
import { applyDrill, applyPreviewedDrill, previewDrill } from "@/lib/pipeline/drills";
import { approvePlan } from "@/lib/pipeline/plan-approval";
import { createPlan } from "@/lib/pipeline/plans";
import { partitionReportPath } from "@/lib/pipeline/report";
import { reviewEvidence } from "@/lib/pipeline/review";
import { consumption } from "@/lib/read-model/consumption";
import { partitionStatuses } from "@/lib/read-model/partitions";
import { planAndExecute, useSeededStore } from "@/lib/test-support";

const operator = "operator@example.com";

beforeAll(() => useSeededStore());

describe("the smallest rebuild", () => {
  it("a partition whose report alone is missing gets a report-only rebuild; its released silver stays consumable", async () => {
    expect(await applyDrill("move_report_aside", { partitionKey: "2026-04-20" }, operator)).toMatchObject({ ok: true });
    const silverRowsBefore = await db.silverTicketFact.findMany({
      where: { partitionKey: "2026-04-20" },
      orderBy: { ticketId: "asc" },
    });
    const made = await createPlan({ partition: "2026-04-20" }, operator);
    if (!made.ok) throw new Error(made.message);
    expect(made.plan).toMatchObject({
      recovery_action: "backfill",
      target_assets: [REPORT_ASSET],
      partitions: [{ target_assets: [REPORT_ASSET], released_assets: [] }],
    });
    expect(made.plan.proposed_action).toBe("dry_run_report_rebuild_for_partition");
    expect(made.plan.summary).toMatch(/^report-only rebuild of 2026-04-20: .* are not touched$/);
    expect(made.plan.downstream_impact).toMatch(
      /^hold Week07\/Week08 consumption until checks pass — not needed here: .* which this plan does not touch; what they consume now stays consumable$/,
    );
    const { summaries } = await planAndExecute({ partition: "2026-04-20" }, operator);
    expect(summaries).toEqual([expect.objectContaining({ status: "succeeded" })]);
    expect(fs.existsSync(partitionReportPath("2026-04-20"))).toBe(true);
    expect(
      await db.silverTicketFact.findMany({ where: { partitionKey: "2026-04-20" }, orderBy: { ticketId: "asc" } }),
    ).toEqual(silverRowsBefore);
    expect((await consumption("2026-04-20" as PartitionKey, "week07")).consumable).toBe(true);
    const statuses = (await partitionStatuses("2026-04-20" as PartitionKey, "2026-04-20" as PartitionKey)).map(
      (s) => s.status,
    );
    expect(statuses).toEqual(["released", "released", "pending_review"]);
  });
});

describe("rewriting released partitions", () => {
  it("is refused without an explicit yes, naming the days, and queues nothing", async () => {
    const made = await createPlan({ from: "2026-04-24", to: "2026-04-25", reprocess: "all" }, operator);
    if (!made.ok) throw new Error(made.message);
    expect(made.plan.partitions.map((p) => p.released_assets.length)).toEqual([3, 3]);
    const runs = await db.run.count();
    expect(await executePlan(made.plan.plan_id, operator)).toMatchObject({
      ok: false,
      code: "conflict",
      drifted: false,
      message: `plan ${made.plan.plan_id} rewrites 2 released partitions (2026-04-24, 2026-04-25): week07 and week08 stop consuming them until a reviewer approves again; confirm that to execute it`,
    });
    expect(await db.run.count()).toBe(runs);
  });

  it("waits for a second person's approval, bound to the plan's hash — its planner may not give it", async () => {
    const made = await createPlan({ from: "2026-04-24", to: "2026-04-25", reprocess: "all" }, operator);
    if (!made.ok) throw new Error(made.message);
    const id = made.plan.plan_id;
    expect(made.plan.approval_required).toMatch(
      /^it rewrites 2 released partitions \(2026-04-24, 2026-04-25\): policy rule blast_radius/,
    );
    const runs = await db.run.count();
    expect(await executePlan(id, operator, { confirmWithdraw: true })).toMatchObject({
      ok: false,
      code: "conflict",
      drifted: false,
      message: `plan ${id} needs a second person's approval before it executes: ${made.plan.approval_required}`,
    });
    expect(await approvePlan(id, operator, "I am sure")).toMatchObject({
      ok: false,
      code: "forbidden",
      message: `${operator} made plan ${id} and may not approve it; another person must`,
    });
    expect(await approvePlan(id, "lead@example.com", "")).toMatchObject({
      ok: false,
      code: "invalid",
      message: "say why the rewrite is right (the approval is audited)",
    });
    expect(await db.run.count()).toBe(runs);
    expect(
      await approvePlan(id, "lead@example.com", "the 04-24/25 counts were wrong upstream; rebuild agreed"),
    ).toMatchObject({ ok: true, message: `plan ${id} approved by lead@example.com: it may execute` });
    expect(await approvePlan(id, "reviewer@example.com", "me too")).toMatchObject({
      ok: false,
      code: "conflict",
      message: `plan ${id} was already approved by lead@example.com`,
    });
    expect(await executePlan(id, operator, { confirmWithdraw: true })).toMatchObject({ ok: true });
  });

  it("an approval does not carry over to a plan that drifted", async () => {
    const made = await createPlan({ from: "2026-04-26", to: "2026-04-27", reprocess: "all" }, operator);
    if (!made.ok) throw new Error(made.message);
    // The store moves on: a late report drill changes 04-27 before anyone approves.
    await applyPreviewedDrill(
      "move_report_aside",
      { partitionKey: "2026-04-27" },
      ((await previewDrill("move_report_aside", { partitionKey: "2026-04-27" })) as { token: string }).token,
      operator,
    );
    expect(await approvePlan(made.plan.plan_id, "lead@example.com", "looks right")).toMatchObject({
      ok: false,
      code: "drifted",
      message: expect.stringMatching(
        /drifted: the store changed since it was made \(.*\); approve a fresh plan instead$/,
      ),
    });
    expect(await db.planApproval.count({ where: { planId: made.plan.plan_id } })).toBe(0);
  });
});

describe("a drill", () => {
  it("applies only the inputs its preview described: the token of 2026-03-02 cannot move the report of 2026-04-28", async () => {
    const preview = await previewDrill("move_report_aside", { partitionKey: "2026-03-02" });
    if (!preview.ok) throw new Error(preview.message);
    const drills = await db.drill.count();
    expect(
      await applyPreviewedDrill("move_report_aside", { partitionKey: "2026-04-28" }, preview.token, operator),
    ).toMatchObject({
      ok: false,
      message:
        "Preview this drill first: Apply changes exactly the inputs a preview described, and these differ or were not previewed.",
    });
    expect(
      await applyPreviewedDrill("move_report_aside", { partitionKey: "2026-04-28" }, undefined, operator),
    ).toMatchObject({ ok: false });
    expect(await db.drill.count()).toBe(drills);
    expect(fs.existsSync(partitionReportPath("2026-04-28"))).toBe(true);
    expect(
      await applyPreviewedDrill("move_report_aside", { partitionKey: "2026-03-02" }, preview.token, operator),
    ).toMatchObject({ ok: true });
    expect(fs.existsSync(partitionReportPath("2026-03-02"))).toBe(false);
  });
});

describe("a rejected partition", () => {
  it("names its gap a rejection, not a failed check", async () => {
    const { runIds } = await planAndExecute({ partition: "2026-03-22" }, operator);
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: runIds[0]! } });
    expect(
      await reviewEvidence({
        evidenceId: evidence.id,
        reviewer: "reviewer@example.com",
        decision: "rejected",
        reason: "counts look wrong",
      }),
    ).toMatchObject({ ok: true });
    const cells = await partitionStatuses("2026-03-22" as PartitionKey, "2026-03-22" as PartitionKey);
    expect(cells.map((c) => [c.status, c.gap_reason])).toEqual([
      ["quarantined", "evidence_rejected"],
      ["quarantined", "evidence_rejected"],
      ["quarantined", "evidence_rejected"],
    ]);
    const plan = await createPlan({ partition: "2026-03-22", action: "rerun" }, operator);
    expect(plan.ok && plan.plan.gap_reason).toBe("evidence_rejected");
  });
});
