// The review gate on the seeded scenario: checks → evidence → review → release, and its refusals.
import fs from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { runEvidenceSchema } from "@/contracts/run_evidence";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { createPlan } from "@/lib/pipeline/plans";
import { reviewEvidence } from "@/lib/pipeline/review";
import { consumption } from "@/lib/read-model/consumption";
import { executeAndDrain, useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

async function backfill(key: string, operator: string) {
  const made = await createPlan({ partition: key }, operator);
  if (!made.ok) throw new Error(made.message);
  const done = await executeAndDrain(made.plan.plan_id, operator);
  if (!done.ok) throw new Error(done.message);
  return db.evidence.findUniqueOrThrow({ where: { runId: done.runIds[0]! } });
}

describe("run evidence", () => {
  it("is valid against contracts/run_evidence/week06_run_evidence.schema.json, read-only, and self-hashed", async () => {
    const evidence = await backfill("2026-04-17", "lead@example.com");
    const schema = JSON.parse(
      fs.readFileSync(path.resolve("contracts/run_evidence/week06_run_evidence.schema.json"), "utf8"),
    ) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const doc = JSON.parse(fs.readFileSync(evidence.path, "utf8")) as Record<string, unknown>;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(runEvidenceSchema.parse(doc)).toMatchObject({
      action: "backfill",
      partition_key: "2026-04-17",
      operator: "lead@example.com",
      expected_input_count: 3,
      sha256: evidence.sha256,
    });
    expect((doc.checks as unknown[]).length).toBeGreaterThanOrEqual(13);
    expect(fs.statSync(evidence.path).mode & 0o222).toBe(0);
    // Invalid evidence is refused by the same schema.
    expect(validate({ ...doc, run_id: "one" })).toBe(false);
  });
});

describe("the review gate", () => {
  it("refuses the initiator's own approval, even when they are a reviewer, and changes nothing", async () => {
    const evidence = await db.evidence.findFirstOrThrow({
      where: { partitionKey: "2026-04-17" },
      orderBy: { id: "desc" },
    });
    const result = await reviewEvidence({
      evidenceId: evidence.id,
      reviewer: "lead@example.com",
      decision: "approved",
    });
    expect(result).toMatchObject({
      ok: false,
      code: "forbidden",
      message: `lead@example.com started run ${evidence.runId} and may not approve its evidence; another reviewer must`,
    });
    expect(await db.review.count({ where: { evidenceId: evidence.id } })).toBe(0);
    expect(
      await db.auditEvent.findFirst({
        where: { action: "review.approved", outcome: "refused" },
        orderBy: { id: "desc" },
      }),
    ).toMatchObject({ actor: "lead@example.com" });
    expect((await consumption("2026-04-17" as PartitionKey, "week07")).consumable).toBe(false);
  });

  it("approval by another reviewer releases the partition: downstream flips from held to consumable", async () => {
    const evidence = await db.evidence.findFirstOrThrow({
      where: { partitionKey: "2026-04-17" },
      orderBy: { id: "desc" },
    });
    expect(await consumption("2026-04-17" as PartitionKey, "week07")).toMatchObject({
      consumable: false,
      reason: expect.stringMatching(/^held: silver is pending_review .*awaits review/),
    });
    expect(
      await reviewEvidence({ evidenceId: evidence.id, reviewer: "reviewer@example.com", decision: "approved" }),
    ).toMatchObject({ ok: true });
    expect(await consumption("2026-04-17" as PartitionKey, "week08")).toEqual({
      partition_key: "2026-04-17",
      consumer: "week08",
      consumable: true,
      reason: `released: evidence ${evidence.id} of run ${evidence.runId} approved by reviewer@example.com`,
      evidence_id: evidence.id,
    });
  });

  it("any later write to a released partition holds it again until a new approval", async () => {
    const made = await createPlan({ partition: "2026-04-17", action: "rerun" }, "operator@example.com");
    if (!made.ok) throw new Error(made.message);
    await executeAndDrain(made.plan.plan_id, "operator@example.com");
    expect((await consumption("2026-04-17" as PartitionKey, "week07")).consumable).toBe(false);
  });

  it("rejection needs a reason, and quarantines the partition", async () => {
    const evidence = await backfill("2026-03-22", "operator@example.com");
    expect(
      await reviewEvidence({ evidenceId: evidence.id, reviewer: "reviewer@example.com", decision: "rejected" }),
    ).toMatchObject({ ok: false, code: "invalid", message: "a reason is required to reject evidence" });
    expect(
      await reviewEvidence({
        evidenceId: evidence.id,
        reviewer: "reviewer@example.com",
        decision: "rejected",
        reason: "counts look wrong",
      }),
    ).toMatchObject({ ok: true });
    expect(await consumption("2026-03-22" as PartitionKey, "week07")).toMatchObject({
      consumable: false,
      reason: expect.stringMatching(/^held: silver is quarantined/),
    });
  });

  it("refuses to approve a run with a failed blocking check (the other refusals: review-gate.test.ts)", async () => {
    const drill = await db.evidence.findFirstOrThrow({
      where: { partitionKey: "2026-04-09" },
      orderBy: { id: "desc" },
    });
    expect(
      await reviewEvidence({ evidenceId: drill.id, reviewer: "reviewer@example.com", decision: "approved" }),
    ).toMatchObject({
      ok: false,
      code: "conflict",
      message: `run ${drill.runId} has 1 failed blocking check; it cannot be approved`,
    });
  });

  it("refuses evidence whose file was changed after it was written", async () => {
    const evidence = await backfill("2026-03-23", "operator@example.com");
    fs.chmodSync(evidence.path, 0o644);
    fs.writeFileSync(
      evidence.path,
      evidence.document.replace('"expected_input_count": 25', '"expected_input_count": 26'),
    );
    expect(
      await reviewEvidence({ evidenceId: evidence.id, reviewer: "reviewer@example.com", decision: "approved" }),
    ).toMatchObject({
      ok: false,
      code: "conflict",
      message: `evidence ${evidence.id} cannot be reviewed: the evidence file was changed after it was written`,
    });
  });
});
