// The empty-input gate end to end on a day no manifest covers (2026-05-01): a backfill is refused with the
// lesson's guidance and writes nothing; attested ("this day truly has no data"), it builds, input_present passes
// naming the attestation, the evidence carries it, and a reviewer can release the empty day knowingly.
import fs from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runEvidenceSchema } from "@/contracts/run_evidence";
import { db } from "@/lib/db";
import { createPlan } from "@/lib/pipeline/plans";
import { reviewEvidence } from "@/lib/pipeline/review";
import { executeAndDrain, useSeededStore } from "@/lib/test-support";

// One day past the seeded input, set before any import reads the configuration (it is read once, then kept).
vi.hoisted(() => {
  process.env.WEEK06_PARTITION_END_DATE = "2026-05-01";
});

beforeAll(() => useSeededStore());

describe("a day without input", () => {
  it("is refused a backfill with the lesson's guidance, and nothing is written", async () => {
    const before = { plans: await db.plan.count(), runs: await db.run.count() };
    const refused = await createPlan({ partition: "2026-05-01" }, "operator@example.com");
    expect(refused).toMatchObject({
      ok: false,
      code: "unprocessable",
      message: expect.stringMatching(
        /^expected_input_count is 0 for 2026-05-01: check that the upstream really has records for that date before building it .*If the day truly has no data, attest that with a reason/,
      ),
    });
    expect({ plans: await db.plan.count(), runs: await db.run.count() }).toEqual(before);
    // An attestation is for a day with no input only.
    expect(
      await createPlan({ partition: "2026-04-17", attest_empty: "holiday" }, "operator@example.com"),
    ).toMatchObject({
      ok: false,
      message: "attest_empty: 2026-04-17 has 3 input tickets; only a day with none can be attested empty",
    });
  });

  it("builds when attested; input_present passes naming the attestation; the evidence and review carry it", async () => {
    const made = await createPlan(
      { partition: "2026-05-01", attest_empty: "upstream confirmed: the helpdesk was closed on Labour Day" },
      "operator@example.com",
    );
    if (!made.ok) throw new Error(made.message);
    expect(made.plan).toMatchObject({
      proposed_action: "dry_run_ticket_ingest_for_partition",
      expected_input_count: 0,
      empty_input_attestation: {
        attested_by: "operator@example.com",
        reason: "upstream confirmed: the helpdesk was closed on Labour Day",
      },
    });
    const done = await executeAndDrain(made.plan.plan_id, "operator@example.com");
    if (!done.ok) throw new Error(done.message);
    expect(done.summaries).toEqual([
      expect.objectContaining({ partitionKey: "2026-05-01", status: "succeeded", checksFailed: 0 }),
    ]);
    const runId = done.runIds[0]!;
    const presence = await db.checkResult.findMany({ where: { runId, name: "input_present" } });
    expect(presence.length).toBeGreaterThan(0);
    for (const c of presence)
      expect(c).toMatchObject({
        passed: true,
        severity: "blocking",
        message: "no input, attested: operator@example.com: upstream confirmed: the helpdesk was closed on Labour Day",
      });
    const evidence = await db.evidence.findUniqueOrThrow({ where: { runId } });
    expect(runEvidenceSchema.parse(JSON.parse(fs.readFileSync(evidence.path, "utf8")))).toMatchObject({
      empty_input_attestation: "operator@example.com: upstream confirmed: the helpdesk was closed on Labour Day",
    });
    expect(
      await reviewEvidence({ evidenceId: evidence.id, reviewer: "reviewer@example.com", decision: "approved" }),
    ).toMatchObject({ ok: true });
  });
});
