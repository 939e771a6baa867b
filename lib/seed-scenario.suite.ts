// The seeded starting scenario, read back the way the API reads it, plus the pipeline's idempotency on it — one suite
// for both stores: lib/seed.test.ts runs it on SQLite, lib/seed.postgres.test.ts on a real PostgreSQL server.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PARTITIONED_ASSETS, RAW_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { migrateStore } from "@/lib/migrate-store";
import { partitionReportPath } from "@/lib/pipeline/report";
import { runNow } from "@/lib/engine/worker";
import { partitionStatuses, type AssetPartitionStatus } from "@/lib/read-model/partitions";
import { SCENARIO, seedScenario } from "@/lib/seed";

export function scenarioSuite(): void {
  let statuses: AssetPartitionStatus[];
  const status = (key: string, asset: string = SILVER_ASSET) =>
    statuses.find((s) => s.partition_key === key && s.asset === asset)!;

  beforeAll(async () => {
    await migrateStore();
    await seedScenario();
    statuses = await partitionStatuses("2026-03-01" as PartitionKey, "2026-04-30" as PartitionKey);
  });

  describe("the seeded starting scenario", () => {
    it("has every (asset, partition) of the definition", () => {
      expect(statuses).toHaveLength(61 * PARTITIONED_ASSETS.length);
    });

    it("reports the scheduler outage and the lesson's example as missing on every asset", () => {
      for (const key of [...SCENARIO.schedulerOutage, SCENARIO.lessonExample]) {
        for (const asset of PARTITIONED_ASSETS) expect(status(key, asset).status, `${key} ${asset}`).toBe("missing");
      }
    });

    it("counts 2026-04-17 as the lesson does: expected 3, current 0, gap missing_partition_report", () => {
      expect(status("2026-04-17")).toMatchObject({
        expected_input_count: 3,
        current_output_count: 0,
        gap_reason: "missing_partition_report",
      });
      expect(fs.existsSync(partitionReportPath("2026-04-17"))).toBe(false);
    });

    it("has 2026-04-03 raw built and silver failed with the transient error", async () => {
      expect(status("2026-04-03", RAW_ASSET).current_output_count).toBe(30);
      expect(status("2026-04-03")).toMatchObject({
        status: "failed",
        gap_reason: "failed_run",
        current_output_count: 0,
      });
      const run = await db.run.findFirstOrThrow({ where: { partitionKey: "2026-04-03" } });
      expect(run).toMatchObject({
        status: "failed",
        errorKind: "transient",
        error: "SQLITE_BUSY: database is locked (after 3 attempts)",
      });
      // Retried inside the run from the failed step (silver), not from raw: raw once, silver three times.
      const steps = await db.materialization.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
      expect(steps.map((m) => [m.assetKey, m.attempt, m.status])).toEqual([
        [RAW_ASSET, 1, "succeeded"],
        [SILVER_ASSET, 1, "failed"],
        [SILVER_ASSET, 2, "failed"],
        [SILVER_ASSET, 3, "failed"],
      ]);
    });

    it("has 2026-03-15 stale after the late manifest: expected 28, current 23", () => {
      for (const asset of PARTITIONED_ASSETS) expect(status("2026-03-15", asset).status).toBe("stale");
      expect(status("2026-03-15")).toMatchObject({
        expected_input_count: 28,
        current_output_count: 23,
        gap_reason: "stale_upstream",
      });
    });

    it("has 2026-04-09 silver quarantined by the priority drill, with a snapshot of the good rows", async () => {
      expect(status("2026-04-09")).toMatchObject({ status: "quarantined", gap_reason: "check_failed" });
      expect(status("2026-04-09", RAW_ASSET).status).toBe("released");
      const snapshot = await db.snapshot.findFirstOrThrow({
        where: { partitionKey: "2026-04-09", assetKey: SILVER_ASSET },
      });
      const rows = JSON.parse(snapshot.rows) as { priority: string | null }[];
      expect(rows.length).toBe(status("2026-04-09").expected_input_count);
      expect(rows.every((r) => /^P[1-4]$/.test(r.priority ?? ""))).toBe(true);
    });

    it("has 2026-04-28 built and waiting for review", () => {
      for (const asset of PARTITIONED_ASSETS) expect(status("2026-04-28", asset).status).toBe("pending_review");
    });

    it("has every other partition released, with current equal to expected", () => {
      const special = new Set<string>([
        ...SCENARIO.schedulerOutage,
        SCENARIO.lessonExample,
        SCENARIO.transientFault,
        SCENARIO.lateData,
        SCENARIO.corrupted,
        SCENARIO.awaitingReview,
      ]);
      const others = statuses.filter((s) => !special.has(s.partition_key));
      expect(others.length).toBe((61 - special.size) * PARTITIONED_ASSETS.length);
      for (const s of others) {
        expect(s.status, `${s.partition_key} ${s.asset}`).toBe("released");
        expect(s.current_output_count).toBe(s.expected_input_count);
      }
    });

    it("records manifest 003 as rejected and nothing from it landed", async () => {
      const broken = await db.manifest.findFirstOrThrow({ where: { manifestId: "week06-broken-manifest-003" } });
      expect(broken.status).toBe("rejected");
      expect(await db.manifestRecord.count({ where: { manifestPk: broken.id } })).toBe(0);
    });
  });

  describe("building a partition", () => {
    it("twice leaves identical rows and takes no snapshot of an unchanged partition", async () => {
      const key = "2026-04-28" as PartitionKey;
      const rows = async () => ({
        raw: await db.rawTicketEvent.findMany({ where: { partitionKey: key }, orderBy: { ticketId: "asc" } }),
        silver: await db.silverTicketFact.findMany({ where: { partitionKey: key }, orderBy: { ticketId: "asc" } }),
        report: fs.readFileSync(partitionReportPath(key), "utf8"),
      });
      const before = await rows();
      const snapshotsBefore = await db.snapshot.count();
      const run = await runNow({
        partitionKey: key,
        action: "rerun",
        assets: PARTITIONED_ASSETS,
        operator: "operator@example.com",
      });
      expect(run).toMatchObject({ status: "succeeded", checksFailed: 0 });
      expect(await rows()).toEqual(before);
      expect(await db.snapshot.count()).toBe(snapshotsBefore);
      expect(before.silver).toHaveLength(33);
    });

    it("of the lesson's example keeps each ticket's latest event, by UTC time", async () => {
      const run = await runNow({
        partitionKey: "2026-04-17" as PartitionKey,
        action: "backfill",
        assets: PARTITIONED_ASSETS,
        operator: "operator@example.com",
      });
      expect(run.status).toBe("succeeded");
      const silver = await db.silverTicketFact.findMany({
        where: { partitionKey: "2026-04-17" },
        orderBy: { ticketId: "asc" },
      });
      expect(silver.map((r) => [r.ticketId, r.eventId, r.eventTimeUtc, r.priority])).toEqual([
        ["T-10743", "evt-001256", "2026-04-17T09:12:00.000Z", "P2"],
        ["T-10744", "evt-001257", "2026-04-17T15:40:00.000Z", "P1"],
        ["T-10745", "evt-001260", "2026-04-17T23:59:59.000Z", "P3"],
      ]);
      const after = await partitionStatuses("2026-04-17" as PartitionKey, "2026-04-17" as PartitionKey);
      expect(after.map((s) => s.status)).toEqual(["pending_review", "pending_review", "pending_review"]);
    });
  });
}
