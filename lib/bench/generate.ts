// A deterministic large store for benchmarks: years of daily partitions, monthly manifests plus late ones,
// a realistic mix of statuses, and extra derived assets so that assets × days reaches 100,000 cells.
// Pipeline assets go through the real code paths (manifest loading, runs, checks, evidence, reviews, drills);
// derived assets are recorded by lib/bench/derived.ts, batched.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { seedDemoUsers } from "@/lib/auth/users";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { ASSET_DEFINITIONS, ASSET_EDGES, PARTITIONED_ASSETS, SILVER_ASSET } from "@/lib/domain/assets";
import { addDays, partitionRange, type PartitionKey } from "@/lib/domain/partition";
import { buildDerivedAssets, derivedAssetKey } from "@/lib/bench/derived";
import { applyDrill } from "@/lib/pipeline/drills";
import { loadManifest } from "@/lib/pipeline/manifests";
import { reviewEvidence } from "@/lib/pipeline/review";
import { writeHistory } from "@/lib/bench/history";
import { executePlan } from "@/lib/engine/execute-plan";
import { drainQueue, runNow } from "@/lib/engine/worker";
import { createPlan } from "@/lib/pipeline/plans";
import { approvePlan } from "@/lib/pipeline/plan-approval";

export interface GenerateOptions {
  days: number;
  ticketsPerDay: number;
  /** Total assets, the pipeline's three included. */
  assets: number;
  seed: number;
  end: PartitionKey;
  /** mixed: build and review most partitions (a realistic history); none: load the manifests only, every partition missing. */
  build?: "mixed" | "none";
  /** Earlier runs per built partition (lib/bench/history.ts), older than its real build. */
  history?: number;
  /** Audit events spread over the years, before the real ones. */
  auditEvents?: number;
  log?: (line: string) => void;
  /** Where the generated manifests and batches go; beside the SQLite file by default (a PostgreSQL store names one). */
  deliveryDir?: string;
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS = ["email", "chat", "phone", "web"];
const PRODUCTS = ["billing", "platform", "copilot"];
const PRIORITIES = ["P1", "P2", "P3", "P4", "p2", "p3"];
const TYPES = ["created", "updated", "resolved"] as const;

/** Events of one day: `tickets` tickets, some with two events, a few lines redelivered; offsets vary. */
export function dayEvents(key: PartitionKey, tickets: number, random: () => number, firstTicket: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < tickets; i++) {
    const ticket = `T-${firstTicket + i}`;
    const events = random() < 0.3 ? 2 : 1;
    for (let e = 0; e < events; e++) {
      const seconds = Math.floor(random() * 86_399);
      const utc = new Date(Date.parse(`${key}T00:00:00Z`) + seconds * 1000);
      const line = JSON.stringify({
        event_id: `evt-${key}-${i}-${e}`,
        ticket_id: ticket,
        event_type: TYPES[e === 0 ? 0 : 1 + Math.floor(random() * 2)],
        event_time: utc.toISOString().replace(".000Z", "+00:00"),
        customer_id: `C-${Math.floor(random() * 500)}`,
        channel: CHANNELS[Math.floor(random() * CHANNELS.length)],
        product_line: PRODUCTS[Math.floor(random() * PRODUCTS.length)],
        priority: PRIORITIES[Math.floor(random() * PRIORITIES.length)],
        subject: "generated ticket",
        first_response_minutes: random() < 0.05 ? null : Math.floor(random() * 240),
      });
      lines.push(line);
      if (random() < 0.01) lines.push(line); // redelivered
    }
  }
  return lines;
}

function writeManifest(dir: string, id: string, start: PartitionKey, end: PartitionKey, lines: string[]): string {
  const batch = `batches/${id}.ndjson`;
  const content = `${lines.join("\n")}\n`;
  fs.mkdirSync(path.join(dir, "batches"), { recursive: true });
  fs.mkdirSync(path.join(dir, "manifests"), { recursive: true });
  fs.writeFileSync(path.join(dir, batch), content);
  const manifest = {
    manifest_id: id,
    source: "omnisupport/ticket_events",
    created_at: `${end}T23:00:00+00:00`,
    partition_window: { start, end },
    files: [
      { path: batch, sha256: crypto.createHash("sha256").update(content).digest("hex"), record_count: lines.length },
    ],
  };
  const file = path.join(dir, "manifests", `${id}.json`);
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
  return file;
}

export async function generateStore(
  o: GenerateOptions,
): Promise<{ partitions: number; cells: number; manifests: number; seconds: number }> {
  const log = o.log ?? (() => {});
  const started = performance.now();
  if ((await db.manifest.count()) > 0)
    throw new Error("generate needs an empty database (set DATABASE_URL to a new file)");
  const random = rng(o.seed);
  const start = addDays(o.end, -(o.days - 1));
  const keys = partitionRange(start, o.end);
  const derived = Array.from({ length: Math.max(0, o.assets - PARTITIONED_ASSETS.length) }, (_, i) =>
    derivedAssetKey(i + 1),
  );

  await seedDemoUsers();
  await db.$transaction(async (tx) => {
    for (const [i, a] of ASSET_DEFINITIONS.entries()) await tx.asset.create({ data: { ...a, position: i } });
    for (const [up, down] of ASSET_EDGES) await tx.assetEdge.create({ data: { upstreamKey: up, downstreamKey: down } });
    for (const [i, key] of derived.entries()) {
      await tx.asset.create({
        data: {
          key,
          kind: "derived",
          label: `Derived ${String(i + 1).padStart(3, "0")}`,
          description: "generated for benchmarks",
          position: 100 + i,
        },
      });
      await tx.assetEdge.create({ data: { upstreamKey: SILVER_ASSET, downstreamKey: key } });
    }
  });

  // Plan each day's fate up front, so the mix does not depend on timing.
  const fate = new Map<PartitionKey, "missing" | "failed" | "stale" | "quarantined" | "pending" | "released">();
  for (const key of keys) {
    const r = random();
    fate.set(
      key,
      r < 0.03
        ? "missing"
        : r < 0.05
          ? "failed"
          : r < 0.07
            ? "stale"
            : r < 0.08
              ? "quarantined"
              : r < 0.13
                ? "pending"
                : "released",
    );
  }

  const dir = o.deliveryDir ?? path.join(path.dirname(config().databaseFile), "generated-delivery");
  fs.rmSync(dir, { recursive: true, force: true });
  let ticket = 100_000;
  const months = [...new Set(keys.map((k) => k.slice(0, 7)))];
  for (const month of months) {
    const days = keys.filter((k) => k.startsWith(month));
    const lines = days.flatMap((k) => {
      const l = dayEvents(k, o.ticketsPerDay, random, ticket);
      ticket += o.ticketsPerDay;
      return l;
    });
    const result = await loadManifest(writeManifest(dir, `generated-${month}`, days[0]!, days.at(-1)!, lines), {
      operator: "scheduler",
    });
    if (result.status !== "valid") throw new Error(result.message);
  }
  log(`loaded ${months.length} monthly manifests (${o.days} days × ${o.ticketsPerDay} tickets)`);

  if (o.build !== "none" && ((o.history ?? 0) > 0 || (o.auditEvents ?? 0) > 0)) {
    // A partition never built has no history either.
    await writeHistory({
      keys: keys.filter((k) => fate.get(k) !== "missing"),
      runsPerPartition: o.history ?? 0,
      auditEvents: o.auditEvents ?? 0,
      random,
      log,
    });
  }

  const operator = "scheduler";
  let built = 0;
  for (const key of o.build === "none" ? [] : keys) {
    const f = fate.get(key)!;
    if (f === "missing") continue;
    if (f === "failed")
      await applyDrill("inject_transient_fault", { partitionKey: key, assetKey: SILVER_ASSET }, "operator@example.com");
    const run = await runNow({ partitionKey: key, action: "scheduled", assets: PARTITIONED_ASSETS, operator });
    if (run.status === "succeeded" && f !== "pending") {
      const evidence = await db.evidence.findUniqueOrThrow({ where: { runId: run.runId }, select: { id: true } });
      await reviewEvidence({ evidenceId: evidence.id, reviewer: "reviewer@example.com", decision: "approved" });
    }
    if (f === "quarantined") {
      await applyDrill("corrupt_priorities", { partitionKey: key }, "operator@example.com");
      await drainQueue();
    }
    if (derived.length && run.status === "succeeded")
      await buildDerivedAssets(key, derived, operator, random, f !== "pending");
    built += 1;
    if (built % 100 === 0) log(`built ${built} partitions`);
  }

  let late = 0;
  for (const key of o.build === "none" ? [] : keys.filter((k) => fate.get(k) === "stale")) {
    const lines = dayEvents(key, 5, random, ticket);
    ticket += 5;
    await loadManifest(writeManifest(dir, `generated-late-${key}`, key, key, lines), { operator: "scheduler" });
    late += 1;
  }
  log(`loaded ${late} late manifests`);

  if (o.build !== "none") {
    // Plans as operators make them, through the real planner: a dry run every ten days and one per month; a few
    // executed (reruns of single partitions, small windows) as backfills through the real engine.
    let plans = 0;
    let executed = 0;
    for (const [i, key] of keys.entries()) {
      if (i % 10 !== 0) continue;
      const made = await createPlan({ partition: key, action: "rerun" }, "operator@example.com");
      plans += made.ok ? 1 : 0;
      if (!made.ok || i % 100 !== 0) continue;
      // Rewriting released days takes a second person's approval (policy blast_radius), as it would for real.
      if (made.plan.approval_required)
        await approvePlan(
          made.plan.plan_id,
          "lead@example.com",
          "generated history: the second person checked the rerun",
        );
      if ((await executePlan(made.plan.plan_id, "operator@example.com", { confirmWithdraw: true })).ok) executed += 1;
    }
    for (const month of months) {
      const days = keys.filter((k) => k.startsWith(month));
      const made = await createPlan(
        { from: days[0], to: days.at(-1), reprocess: "failed_and_missing" },
        "lead@example.com",
      );
      plans += made.ok ? 1 : 0;
    }
    await drainQueue();
    log(`made ${plans} plans, executed ${executed} of them`);
  }
  return {
    partitions: keys.length,
    cells: keys.length * (PARTITIONED_ASSETS.length + derived.length),
    manifests: months.length + late,
    seconds: (performance.now() - started) / 1000,
  };
}
