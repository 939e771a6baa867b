// What the store records in words is also recorded as catalog messages (decision 011), so every reader gets it in
// their language: checks' observed/expected/message, run and step errors, the plan's prose, audit and drill
// details, a rejected manifest's problems. Each recorded message names keys both catalogs have, renders in Chinese
// with no English sentence left (a system's own words are quoted apart), and its English is the prose recorded
// beside it — what the evidence and plan documents, the API and scripts keep reading.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cancelBackfill } from "@/lib/engine/backfill";
import { cancelRun, executePlan } from "@/lib/engine/execute-plan";
import { reclaimExpiredRuns } from "@/lib/engine/recovery";
import { englishRuns } from "@/lib/i18n/english-runs";
import { CATALOGS, recordedParts, renderRecorded, type RecordedValue } from "@/lib/i18n/text";
import { approvePlan } from "@/lib/pipeline/plan-approval";
import { createPlan } from "@/lib/pipeline/plans";
import {
  auditDetail,
  checkTexts,
  drillDetail,
  runErrorText,
  stepErrorText,
  manifestProblems,
  planDocument,
  planTexts,
} from "@/lib/store-json";
import { useSeededStore } from "@/lib/test-support";

const lead = "lead@example.com";
/** What a message that does not render in full reads as here: never the prose beside it. */
const UNSAID = "(not rendered)";

beforeAll(async () => {
  await useSeededStore();
  // Writers the seed does not reach: a plan that needs a second approval, a queued run cancelled alone and a
  // backfill cancelled before its runs started, a refused plan, a run whose worker stopped renewing its lease.
  const window = await createPlan({ from: "2026-03-01", to: "2026-03-06", reprocess: "all" }, lead);
  if (!window.ok) throw new Error(window.message);
  const approved = await approvePlan(window.plan.plan_id, "reviewer@example.com", "第二个人已核对");
  if (!approved.ok) throw new Error(approved.message);
  const executed = await executePlan(window.plan.plan_id, lead, { confirmWithdraw: true });
  if (!executed.ok) throw new Error(executed.message);
  expect((await cancelRun(executed.runIds[0]!, lead)).ok).toBe(true);
  expect((await cancelBackfill(executed.backfillId, lead)).ok).toBe(true);
  expect((await createPlan({ partition: "2026-03-02", action: "retry" }, lead)).ok).toBe(false);
  const rerun = await createPlan({ partition: "2026-04-28", action: "rerun" }, lead);
  if (!rerun.ok) throw new Error(rerun.message);
  const queued = await executePlan(rerun.plan.plan_id, lead, { confirmWithdraw: true });
  if (!queued.ok) throw new Error(queued.message);
  // A worker claimed it, then died: its lease ran out.
  await db.run.update({
    where: { id: queued.runIds[0]! },
    data: { status: "running", startedAt: new Date(), leaseExpiresAt: new Date(Date.now() - 60_000) },
  });
  expect(await reclaimExpiredRuns()).toEqual([queued.runIds[0]]);
});

interface Recorded {
  where: string;
  message: RecordedValue;
  /** The English recorded beside it, when the store keeps one. */
  prose?: string;
}

async function everyRecordedMessage(): Promise<Record<string, Recorded[]>> {
  const checks = await db.checkResult.findMany();
  const runs = await db.run.findMany({ where: { error: { not: null } } });
  const steps = await db.materialization.findMany({ where: { error: { not: null } } });
  const plans = await db.plan.findMany();
  const events = await db.auditEvent.findMany();
  const drills = await db.drill.findMany();
  const manifests = await db.manifest.findMany({ where: { status: "rejected" } });
  const absent = (what: string) => {
    throw new Error(`${what} was recorded without its message`);
  };
  return {
    checks: checks.flatMap((c) => {
      const texts = checkTexts(c.texts) ?? absent(`check ${c.id}`);
      return (["observed", "expected", "message"] as const).map((part) => ({
        where: `check ${c.id} ${c.name} ${part}`,
        message: texts[part],
        prose: c[part],
      }));
    }),
    runErrors: runs.map((r) => ({
      where: `run ${r.id} error`,
      message: runErrorText(r.errorText) ?? absent(`run ${r.id}'s error`),
      prose: r.error!,
    })),
    stepErrors: steps.map((m) => ({
      where: `materialization ${m.id} error`,
      message: stepErrorText(m.errorText) ?? absent(`materialization ${m.id}'s error`),
      prose: m.error!,
    })),
    plans: plans.flatMap((p) => {
      const plan = planDocument(p.document);
      const texts = planTexts(p.texts) ?? absent(`plan ${p.id}`);
      return [
        { where: `plan ${p.id} summary`, message: texts.summary, prose: plan.summary },
        { where: `plan ${p.id} why`, message: texts.why, prose: plan.why },
        { where: `plan ${p.id} downstream_impact`, message: texts.impact, prose: plan.downstream_impact },
        ...(texts.approval === null
          ? []
          : [{ where: `plan ${p.id} approval_required`, message: texts.approval, prose: plan.approval_required! }]),
        ...texts.guidance.map((g, i) => ({ where: `plan ${p.id} guidance`, message: g, prose: plan.guidance[i] })),
        ...texts.reasons.map((r, i) => ({
          where: `plan ${p.id} ${plan.partitions[i]!.partition_key}`,
          message: r,
          prose: plan.partitions[i]!.reason,
        })),
      ];
    }),
    details: [
      ...events.map((e) => ({ ...auditDetail(e.detail), id: `audit ${e.id}` })),
      ...drills.map((d) => ({ ...drillDetail(d.detail), id: `drill ${d.id}` })),
    ].flatMap(({ texts = {}, id, ...facts }) =>
      Object.entries(texts).flatMap(([name, said]) =>
        (Array.isArray(said) ? said : [said]).map((message, i) => {
          const recorded: unknown = Object.entries(facts).find(([k]) => k === name)?.[1];
          return {
            where: `${id} ${name}`,
            message,
            prose: Array.isArray(recorded) ? String(recorded[i]) : String(recorded),
          };
        }),
      ),
    ),
    manifestProblems: manifests.flatMap((m) =>
      manifestProblems(m.errors).map((p) => ({
        where: `manifest ${m.id} ${p.field}`,
        message: p.text ?? absent(`manifest ${m.id}'s problem ${p.field}`),
        prose: p.message,
      })),
    ),
  };
}

/** Every key a recorded message names, its values' messages included. */
function keysOf(message: RecordedValue): string[] {
  if (typeof message !== "object" || "quote" in message) return [];
  return [message.key, ...Object.values(message.values ?? {}).flatMap(keysOf)];
}

function inCatalog(catalog: unknown, key: string): boolean {
  let node = catalog;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

describe("what the store records in words", () => {
  it("is recorded as messages by every writer: checks, run and step errors, plans, details, manifest problems", async () => {
    const recorded = await everyRecordedMessage();
    const counts = Object.fromEntries(Object.entries(recorded).map(([k, v]) => [k, v.length]));
    for (const [source, count] of Object.entries(counts)) expect(count, source).toBeGreaterThan(0);
    const errors = recorded.runErrors!.map((r) => keysOf(r.message)).flat();
    // The seed's transient fault retried to its end; the cancelled and the interrupted runs of this test.
    for (const key of [
      "runError.afterAttempts",
      "runError.cancelledQueued",
      "runError.cancelledWithBackfill",
      "runError.interrupted",
    ])
      expect(errors, key).toContain(key);
    expect(recorded.plans!.map((p) => keysOf(p.message)).flat()).toContain("planText.approval");
  });

  it("names only keys both catalogs have", async () => {
    const missing = Object.values(await everyRecordedMessage())
      .flat()
      .flatMap((r) =>
        keysOf(r.message)
          .filter((key) => !inCatalog(CATALOGS.en, key) || !inCatalog(CATALOGS["zh-CN"], key))
          .map((key) => `${r.where}: ${key}`),
      );
    expect(missing).toEqual([]);
  });

  it("reads in English exactly as the prose recorded beside it", async () => {
    const differ = Object.values(await everyRecordedMessage())
      .flat()
      .filter((r) => r.prose !== undefined && renderRecorded(r.message, UNSAID, "en") !== r.prose)
      .map((r) => `${r.where}: "${renderRecorded(r.message, UNSAID, "en")}" ≠ "${r.prose}"`);
    expect(differ).toEqual([]);
  });

  it("reads in Chinese with no English sentence left, the system's own words quoted apart", async () => {
    const english = Object.values(await everyRecordedMessage())
      .flat()
      .flatMap((r) => {
        const ours = recordedParts(r.message, UNSAID, "zh-CN")
          .map((part) => (typeof part === "string" ? part : " "))
          .join("");
        return englishRuns(ours).map((run) => `${r.where}: "${run}" in "${ours}"`);
      });
    expect(english).toEqual([]);
  });
});
