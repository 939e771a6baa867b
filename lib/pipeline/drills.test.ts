// Each drill applied and reverted on the seeded scenario: it creates the gap it promises, and the main tables
// outside the drilled partition keep every row.
import { render } from "@/lib/i18n/text";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { RAW_ASSET, REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { applyDrill, previewDrill, revertDrill } from "@/lib/pipeline/drills";
import { partitionReportPath } from "@/lib/pipeline/report";
import { drainQueue, runNow } from "@/lib/engine/worker";
import { partitionStatuses } from "@/lib/read-model/partitions";
import { useSeededStore } from "@/lib/test-support";

const operator = "operator@example.com";

beforeAll(() => useSeededStore());

/** Rows per partition of both main tables: each partition's count and its rows' ticket, event and priority. */
async function mainTableCounts(): Promise<Map<string, string>> {
  const select = { partitionKey: true, ticketId: true, eventId: true, priority: true } as const;
  const tables = {
    raw: await db.rawTicketEvent.findMany({ select }),
    silver: await db.silverTicketFact.findMany({ select }),
  };
  const byPartition = new Map<string, string[]>();
  for (const [t, rows] of Object.entries(tables)) {
    for (const r of rows)
      byPartition.set(`${t}|${r.partitionKey}`, [
        ...(byPartition.get(`${t}|${r.partitionKey}`) ?? []),
        `${r.ticketId}:${r.eventId}:${r.priority ?? "-"}`,
      ]);
  }
  return new Map([...byPartition].map(([k, content]) => [k, `${content.length}|${content.sort().join(",")}`]));
}

function outside(counts: Map<string, string>, key: string): Map<string, string> {
  return new Map([...counts].filter(([k]) => !k.endsWith(`|${key}`)));
}

async function status(key: string, asset: string) {
  return (await partitionStatuses(key as PartitionKey, key as PartitionKey)).find((s) => s.asset === asset)!.status;
}

describe("safe drills", () => {
  it("preview says what will change before anything changes, and refuses a bad target", async () => {
    const before = await mainTableCounts();
    const preview = await previewDrill("fail_check", {
      partitionKey: "2026-04-20",
      assetKey: SILVER_ASSET,
      checkName: "priority_valid",
    });
    expect(preview.ok && preview.lines.map((l) => render(l, "en")).join(" ")).toMatch(
      /Flags check priority_valid of Silver ticket facts for 2026-04-20 .* Main tables are not deleted or truncated/,
    );
    expect(
      await previewDrill("fail_check", { partitionKey: "2026-04-20", assetKey: SILVER_ASSET, checkName: "vibes" }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/^fail_check needs a check: /) });
    expect(await previewDrill("drop_table", {})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^unknown drill drop_table/),
    });
    expect(await previewDrill("move_report_aside", { partitionKey: "2026-02-30" })).toMatchObject({
      ok: false,
      message: 'partition: "2026-02-30" is not a real calendar date',
    });
    expect(await mainTableCounts()).toEqual(before);
  });

  it("move_report_aside: the report goes missing, main tables untouched; revert puts it back", async () => {
    const before = await mainTableCounts();
    const file = partitionReportPath("2026-04-20");
    const applied = await applyDrill("move_report_aside", { partitionKey: "2026-04-20" }, operator);
    expect(applied.ok).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
    expect(await status("2026-04-20", REPORT_ASSET)).toBe("missing");
    expect(await mainTableCounts()).toEqual(before);
    expect(await revertDrill(applied.ok ? applied.drillId : 0, operator)).toMatchObject({ ok: true });
    expect(fs.existsSync(file)).toBe(true);
    expect(await status("2026-04-20", REPORT_ASSET)).toBe("released");
  });

  it("load_broken_manifest: rejected with the fields named, nothing else changes", async () => {
    const before = await mainTableCounts();
    const records = await db.manifestRecord.count();
    const applied = await applyDrill("load_broken_manifest", {}, operator);
    expect(applied.ok && render(applied.changed[0]!, "en")).toMatch(
      /rejected \(.*source: missing; partition_window: missing; files\[0\]\.sha256: missing; files\[0\]\.record_count: missing\)/,
    );
    expect(await db.manifestRecord.count()).toBe(records);
    expect(await mainTableCounts()).toEqual(before);
    expect(await revertDrill(applied.ok ? applied.drillId : 0, operator)).toMatchObject({ ok: true });
  });

  it("fail_check: the named check fails and quarantines that partition only; revert clears it", async () => {
    const before = await mainTableCounts();
    const applied = await applyDrill(
      "fail_check",
      { partitionKey: "2026-04-21", assetKey: SILVER_ASSET, checkName: "guard_unique" },
      operator,
    );
    expect(applied.ok).toBe(true);
    await drainQueue(); // the drill's run, as a worker executes it
    expect(await status("2026-04-21", SILVER_ASSET)).toBe("quarantined");
    const check = await db.checkResult.findFirstOrThrow({
      where: { partitionKey: "2026-04-21", name: "guard_unique" },
      orderBy: { id: "desc" },
    });
    expect(check).toMatchObject({ passed: false, observed: expect.stringMatching(/^forced to fail by drill \d+$/) });
    expect(await mainTableCounts()).toEqual(before); // even inside the partition: the rows did not change
    expect(await revertDrill(applied.ok ? applied.drillId : 0, operator)).toMatchObject({ ok: true });
    await drainQueue();
    expect(await status("2026-04-21", SILVER_ASSET)).toBe("pending_review");
    expect(await mainTableCounts()).toEqual(before);
  });

  it("inject_transient_fault: the next run fails transiently after using up its in-run attempts; revert disarms an unmet fault", async () => {
    const armed = await applyDrill(
      "inject_transient_fault",
      { partitionKey: "2026-04-22", assetKey: RAW_ASSET },
      operator,
    );
    const reverted = await revertDrill(armed.ok ? armed.drillId : 0, operator);
    expect(reverted.ok && reverted.changed.map((c) => render(c, "en"))).toEqual([
      "disarmed the fault for week06/ingestion/raw_ticket_events_partitioned of 2026-04-22",
    ]);
    const before = await mainTableCounts();
    const again = await applyDrill(
      "inject_transient_fault",
      { partitionKey: "2026-04-22", assetKey: RAW_ASSET },
      operator,
    );
    const run = await runNow({
      partitionKey: "2026-04-22" as PartitionKey,
      action: "rerun",
      assets: [RAW_ASSET, SILVER_ASSET, REPORT_ASSET],
      operator,
    });
    expect(run).toMatchObject({ status: "failed", error: "SQLITE_BUSY: database is locked (after 3 attempts)" });
    // Each attempt is in the run's timeline: raw failed three times, nothing after it ran.
    expect(
      (await db.materialization.findMany({ where: { runId: run.runId }, orderBy: { id: "asc" } })).map((m) => [
        m.assetKey,
        m.attempt,
        m.status,
      ]),
    ).toEqual([
      [RAW_ASSET, 1, "failed"],
      [RAW_ASSET, 2, "failed"],
      [RAW_ASSET, 3, "failed"],
    ]);
    expect(await mainTableCounts()).toEqual(before);
    expect(await revertDrill(again.ok ? again.drillId : 0, operator)).toMatchObject({
      ok: false,
      message: `drill ${again.ok ? again.drillId : 0}: the fault was already met by a run; retry 2026-04-22 instead`,
    });
  });

  it("corrupt_priorities: only that partition's silver rows change; revert restores the snapshot", async () => {
    const before = await mainTableCounts();
    const applied = await applyDrill("corrupt_priorities", { partitionKey: "2026-04-23" }, operator);
    await drainQueue();
    expect(await status("2026-04-23", SILVER_ASSET)).toBe("quarantined");
    expect(outside(await mainTableCounts(), "2026-04-23")).toEqual(outside(before, "2026-04-23"));
    expect(await revertDrill(applied.ok ? applied.drillId : 0, operator)).toMatchObject({ ok: true });
    await drainQueue();
    expect(await mainTableCounts()).toEqual(before);
    expect(await status("2026-04-23", SILVER_ASSET)).toBe("pending_review");
  });

  it("every drill and revert is in the audit trail", async () => {
    const kinds = (
      await db.auditEvent.findMany({ where: { action: { startsWith: "drill." } }, select: { action: true } })
    ).map((a) => a.action);
    for (const k of [
      "drill.move_report_aside",
      "drill.load_broken_manifest",
      "drill.fail_check",
      "drill.inject_transient_fault",
      "drill.corrupt_priorities",
      "drill.revert",
    ])
      expect(kinds).toContain(k);
  });
});
