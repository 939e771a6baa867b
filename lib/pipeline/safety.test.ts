// Operators never act on the wrong thing: the smallest rebuild that fits, a yes before withdrawing released
// data, a drill applied exactly as previewed, and a rejection named as one.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { REPORT_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { executePlan } from "@/lib/engine/execute-plan";
import { applyDrill, applyPreviewedDrill, previewDrill } from "@/lib/pipeline/drills";
import { createPlan } from "@/lib/pipeline/plans";
import { partitionReportPath } from "@/lib/pipeline/report";
import { reviewEvidence } from "@/lib/pipeline/review";
import { consumption } from "@/lib/queries/consumption";
import { partitionStatuses } from "@/lib/queries/partitions";
import { planAndExecute, useSeededStore } from "@/lib/test-support";

const operator = "operator@example.com";

beforeAll(() => useSeededStore());

describe("the smallest rebuild", () => {
  it("a partition whose report alone is missing gets a report-only rebuild; its released silver stays consumable", async () => {
    expect(await applyDrill("move_report_aside", { partitionKey: "2026-04-20" }, operator)).toMatchObject({ ok: true });
    const silverRowsBefore = await db.silverTicketFact.findMany({ where: { partitionKey: "2026-04-20" }, orderBy: { ticketId: "asc" } });
    const made = await createPlan({ partition: "2026-04-20" }, operator);
    if (!made.ok) throw new Error(made.message);
    expect(made.plan).toMatchObject({ recovery_action: "backfill", target_assets: [REPORT_ASSET], partitions: [{ target_assets: [REPORT_ASSET], released_assets: [] }] });
    expect(made.plan.proposed_action).toMatch(/^report-only rebuild of 2026-04-20: .* are not touched$/);
    expect(made.plan.downstream_impact).toMatch(/does not touch: what they consume now stays consumable$/);
    const { summaries } = await planAndExecute({ partition: "2026-04-20" }, operator);
    expect(summaries).toEqual([expect.objectContaining({ status: "succeeded" })]);
    expect(fs.existsSync(partitionReportPath("2026-04-20"))).toBe(true);
    expect(await db.silverTicketFact.findMany({ where: { partitionKey: "2026-04-20" }, orderBy: { ticketId: "asc" } })).toEqual(silverRowsBefore);
    expect((await consumption("2026-04-20" as PartitionKey, "week07")).consumable).toBe(true);
    const statuses = (await partitionStatuses("2026-04-20" as PartitionKey, "2026-04-20" as PartitionKey)).map((s) => s.status);
    expect(statuses).toEqual(["released", "released", "pending_review"]);
  });
});

describe("rewriting released partitions", () => {
  it("is refused without an explicit yes, naming the days, and queues nothing", async () => {
    const made = await createPlan({ from: "2026-04-24", to: "2026-04-25", reprocess: "all" }, operator);
    if (!made.ok) throw new Error(made.message);
    expect(made.plan.partitions.map((p) => p.released_assets.length)).toEqual([3, 3]);
    const runs = await db.run.count();
    expect(await executePlan(made.plan.plan_id, operator)).toEqual({
      ok: false,
      code: "conflict",
      drifted: false,
      message: `plan ${made.plan.plan_id} rewrites 2 released partitions (2026-04-24, 2026-04-25): week07 and week08 stop consuming them until a reviewer approves again; confirm that to execute it`,
    });
    expect(await db.run.count()).toBe(runs);
    expect(await executePlan(made.plan.plan_id, operator, { confirmWithdraw: true })).toMatchObject({ ok: true });
  });
});

describe("a drill", () => {
  it("applies only the inputs its preview described: the token of 2026-03-02 cannot move the report of 2026-04-28", async () => {
    const preview = await previewDrill("move_report_aside", { partitionKey: "2026-03-02" });
    if (!preview.ok) throw new Error(preview.message);
    const drills = await db.drill.count();
    expect(await applyPreviewedDrill("move_report_aside", { partitionKey: "2026-04-28" }, preview.token, operator)).toEqual({
      ok: false,
      message: "Preview this drill first: Apply changes exactly the inputs a preview described, and these differ or were not previewed.",
    });
    expect(await applyPreviewedDrill("move_report_aside", { partitionKey: "2026-04-28" }, undefined, operator)).toMatchObject({ ok: false });
    expect(await db.drill.count()).toBe(drills);
    expect(fs.existsSync(partitionReportPath("2026-04-28"))).toBe(true);
    expect(await applyPreviewedDrill("move_report_aside", { partitionKey: "2026-03-02" }, preview.token, operator)).toMatchObject({ ok: true });
    expect(fs.existsSync(partitionReportPath("2026-03-02"))).toBe(false);
  });
});

describe("a rejected partition", () => {
  it("names its gap a rejection, not a failed check", async () => {
    const { runIds } = await planAndExecute({ partition: "2026-03-22" }, operator);
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: runIds[0]! } });
    expect(await reviewEvidence({ evidenceId: evidence.id, reviewer: "reviewer@example.com", decision: "rejected", reason: "counts look wrong" })).toMatchObject({ ok: true });
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
