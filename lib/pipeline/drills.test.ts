// Each drill applied and reverted on the seeded scenario: it creates the gap it promises, and the main tables
// outside the drilled partition keep every row.
import { render, type Text } from "@/lib/i18n/text";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { getPlan } from "@/lib/read-model/plans";
import { reviewEvidence } from "@/lib/pipeline/review";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { RAW_ASSET, REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import type { PartitionKey } from "@/lib/domain/partition";
import { applyDrill, previewDrill, previewRevert, revertPreviewedDrill } from "@/lib/pipeline/drills";
import { partitionReportPath } from "@/lib/pipeline/report";
import { drainQueue, runNow } from "@/lib/engine/worker";
import { partitionStatuses } from "@/lib/read-model/partitions";
import { planAndExecute, useSeededStore } from "@/lib/test-support";

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

/** Previews a drill's revert, then reverts exactly that (as the drills page does after its confirmation). */
async function revertDrill(drillId: number, operator: string) {
  const preview = await previewRevert(drillId, operator);
  if (!preview.ok) return preview;
  return revertPreviewedDrill(drillId, { token: preview.token, planId: preview.planId ?? undefined }, operator);
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
    // Revert lifts the flag and writes nothing; the partition's checks pass again at its next run (a planned rerun).
    expect(await revertDrill(applied.ok ? applied.drillId : 0, operator)).toMatchObject({ ok: true });
    expect(await db.run.count({ where: { status: "queued" } })).toBe(0);
    expect(await status("2026-04-21", SILVER_ASSET)).toBe("quarantined");
    await planAndExecute({ partition: "2026-04-21", action: "rerun" });
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

/** Everything a revert could change: every table but the audit (which gains only refusals) and the report files. */
async function storeContents(): Promise<Record<string, string>> {
  const tables = {
    run: await db.run.findMany(),
    plan: await db.plan.findMany(),
    backfill: await db.backfill.findMany(),
    drill: await db.drill.findMany(),
    snapshot: await db.snapshot.findMany(),
    materialization: await db.materialization.findMany(),
    checkResult: await db.checkResult.findMany(),
    evidence: await db.evidence.findMany(),
    review: await db.review.findMany(),
    partitionLock: await db.partitionLock.findMany(),
    partitionState: await db.partitionState.findMany(),
    planApproval: await db.planApproval.findMany(),
    webhookDelivery: await db.webhookDelivery.findMany(),
    rawTicketEvent: await db.rawTicketEvent.findMany(),
    silverTicketFact: await db.silverTicketFact.findMany(),
  };
  const files = fs
    .readdirSync(config().reportDir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => `${path.join(f.parentPath, f.name)} ${fs.statSync(path.join(f.parentPath, f.name)).mtimeMs}`)
    .sort();
  return Object.fromEntries([
    ...Object.entries(tables).map(([name, rows]) => [
      name,
      rows
        .map((r) => JSON.stringify(r))
        .sort()
        .join("\n"),
    ]),
    ["reports", files.join("\n")],
  ]);
}

/** The audit lines added since `afterId`: refusals only. */
async function auditSince(afterId: number) {
  return (
    await db.auditEvent.findMany({ where: { id: { gt: afterId } }, select: { action: true, outcome: true } })
  ).map((a) => `${a.action} ${a.outcome}`);
}

async function lastAuditId() {
  return (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
}

const en = (lines: Text[]) => lines.map((l) => render(l, "en"));

describe("a drill's revert is previewed, confirmed and planned like Apply", () => {
  it("corrupt_priorities: the preview names the snapshot and what changes, and makes a restore plan; Revert executes that plan as a run whose evidence waits for review", async () => {
    const key = "2026-04-24";
    const before = await mainTableCounts();
    const applied = await applyDrill("corrupt_priorities", { partitionKey: key }, operator);
    await drainQueue();
    const drillId = applied.ok ? applied.drillId : 0;
    const drillRun = await db.run.findFirstOrThrow({ where: { drillId } });
    const snapshot = await db.snapshot.findFirstOrThrow({
      where: { partitionKey: key, takenBeforeRunId: drillRun.id },
    });

    const queuedBefore = await db.run.count();
    const preview = await previewRevert(drillId, operator);
    if (!preview.ok) throw new Error(preview.message);
    expect(en(preview.lines)).toEqual([
      `Returns Silver ticket facts of ${key} to snapshot #${snapshot.id}, taken before the drill's run ${drillRun.id}: ${snapshot.rowCount} rows.`,
      expect.stringMatching(
        /^Against the rows it holds now: [1-9]\d* tickets change \(priority ×[1-9]\d*\), 0 come back, 0 go, \d+ stay as they are\.$/,
      ),
      `Through plan ${preview.planId} (restore of ${key}, made now as a dry run): Revert executes it as a backfill of one run; its checks run, and consumers get ${key} back only after a reviewer approves its evidence.`,
    ]);
    // The preview made the plan and nothing else: no run, no backfill.
    expect(await db.run.count()).toBe(queuedBefore);
    const plan = await getPlan(preview.planId!);
    expect(plan).toMatchObject({
      status: "planned",
      plan: { recovery_action: "restore", partition_key: key, needs: { restore_snapshot_id: snapshot.id } },
    });

    const reverted = await revertPreviewedDrill(drillId, { token: preview.token, planId: preview.planId! }, operator);
    if (!reverted.ok) throw new Error(reverted.message);
    const restore = await db.run.findFirstOrThrow({ where: { planId: preview.planId! } });
    expect(restore).toMatchObject({ action: "restore", partitionKey: key, snapshotId: snapshot.id, drillId: null });
    expect(restore.backfillId).not.toBeNull();
    expect(en(reverted.changed)).toEqual([
      `executed plan ${preview.planId} as backfill #${restore.backfillId}: run ${restore.id} (restore of ${key}); its evidence goes to a reviewer`,
    ]);
    expect(await db.drill.findUniqueOrThrow({ where: { id: drillId } })).toMatchObject({
      status: "reverted",
      revertedBy: operator,
    });
    await drainQueue();
    expect(await mainTableCounts()).toEqual(before);
    // A write like any recovery: checked, with evidence, held until a reviewer approves it.
    expect(await status(key, SILVER_ASSET)).toBe("pending_review");
    expect(await db.evidence.findUnique({ where: { runId: restore.id } })).not.toBeNull();
    expect(await db.review.count({ where: { evidence: { runId: restore.id } } })).toBe(0);
  });

  it("is refused, naming the later run, when a later run wrote the partition since the drill; the store is unchanged", async () => {
    const key = "2026-04-25";
    const applied = await applyDrill("corrupt_priorities", { partitionKey: key }, operator);
    await drainQueue();
    const drillId = applied.ok ? applied.drillId : 0;
    const preview = await previewRevert(drillId, operator);
    if (!preview.ok) throw new Error(preview.message);
    // The partition is recovered (a restore), then rewritten again (a rerun) — as in issue 22.
    await planAndExecute({ partition: key, action: "restore" });
    const rerun = await planAndExecute({ partition: key, action: "rerun" }, "lead@example.com");
    const laterRunId = rerun.summaries[0]!.runId;
    const refusal = `drill ${drillId} is not reverted: run ${laterRunId} wrote ${key} after this drill (2 runs since), and reverting would overwrite what it wrote. Use the recovery actions on the partition page of ${key} instead.`;

    const store = await storeContents();
    const auditId = await lastAuditId();
    // With the preview taken before those runs, and with a fresh preview: the same refusal, with where to go instead.
    expect(
      await revertPreviewedDrill(drillId, { token: preview.token, planId: preview.planId! }, operator),
    ).toMatchObject({ ok: false, message: refusal, recoverAt: key });
    expect(await previewRevert(drillId, operator)).toMatchObject({ ok: false, message: refusal, recoverAt: key });
    const zh = await previewRevert(drillId, operator);
    expect(!zh.ok && render(zh.text, "zh-CN")).toContain(
      `运行 ${laterRunId} 在此演练之后写入了 ${key}（此后共 2 次运行）`,
    );
    expect(await storeContents()).toEqual(store);
    expect(await auditSince(auditId)).toEqual(["drill.revert refused", "drill.revert refused", "drill.revert refused"]);
  });

  it("needs the token of a preview of this drill in the store's current state: none, another drill's, or one taken before a write is refused and changes nothing", async () => {
    const key = "2026-04-26";
    const applied = await applyDrill("corrupt_priorities", { partitionKey: key }, operator);
    const other = await applyDrill("load_broken_manifest", {}, operator);
    await drainQueue();
    const drillId = applied.ok ? applied.drillId : 0;
    const preview = await previewRevert(drillId, operator);
    const otherPreview = await previewRevert(other.ok ? other.drillId : 0, operator);
    if (!preview.ok || !otherPreview.ok) throw new Error("previews");
    const store = await storeContents();
    const auditId = await lastAuditId();
    expect(await revertPreviewedDrill(drillId, { planId: preview.planId! }, operator)).toMatchObject({
      ok: false,
      message:
        "Preview the revert first: Revert does exactly what a preview of this drill, in the store as it is, described.",
    });
    const stale = `What drill ${drillId} acts on has changed since your preview: preview the revert again and check what it will do now.`;
    expect(
      await revertPreviewedDrill(drillId, { token: otherPreview.token, planId: preview.planId! }, operator),
    ).toMatchObject({ ok: false, message: stale });
    expect(await storeContents()).toEqual(store);

    // A write in between: a reviewer rejects the drill run's evidence. The preview no longer describes the partition.
    const evidence = await db.evidence.findFirstOrThrow({ where: { run: { drillId } } });
    expect(
      await reviewEvidence({
        evidenceId: evidence.id,
        reviewer: "reviewer@example.com",
        decision: "rejected",
        reason: "drill",
      }),
    ).toMatchObject({ ok: true });
    const moved = await storeContents();
    expect(
      await revertPreviewedDrill(drillId, { token: preview.token, planId: preview.planId! }, operator),
    ).toMatchObject({ ok: false, message: stale });
    expect(await storeContents()).toEqual(moved);
    expect((await auditSince(auditId)).filter((a) => !a.startsWith("review."))).toEqual([
      "drill.revert refused",
      "drill.revert refused",
      "drill.revert refused",
    ]);
    // A fresh preview of the partition as it is now: Revert goes ahead.
    const again = await previewRevert(drillId, operator);
    if (!again.ok) throw new Error(again.message);
    expect(again.token).not.toBe(preview.token);
    expect(await revertPreviewedDrill(drillId, { token: again.token, planId: again.planId! }, operator)).toMatchObject({
      ok: true,
    });
    await drainQueue();
  });

  it("move_report_aside: refused, naming the run, once a run rebuilt the report", async () => {
    const key = "2026-04-27";
    const applied = await applyDrill("move_report_aside", { partitionKey: key }, operator);
    const drillId = applied.ok ? applied.drillId : 0;
    const rebuilt = await planAndExecute({ partition: key });
    expect(await previewRevert(drillId, operator)).toMatchObject({
      ok: false,
      message: `drill ${drillId} is not reverted: run ${rebuilt.summaries[0]!.runId} wrote ${key} after this drill (1 run since), and reverting would overwrite what it wrote. Use the recovery actions on the partition page of ${key} instead.`,
      recoverAt: key,
    });
  });
});
