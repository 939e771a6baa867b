// The starting scenario of the fixtures README, produced by running the real pipeline and the safe drills —
// never by writing status values. See prisma/fixtures/week06/README.md for the table this reproduces.
import path from "node:path";
import { seedDemoUsers } from "@/lib/auth/users";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { ASSET_DEFINITIONS, ASSET_EDGES, PARTITIONED_ASSETS, SILVER_ASSET } from "@/lib/domain/assets";
import { partitionRange, type PartitionKey } from "@/lib/domain/partition";
import { render } from "@/lib/i18n/text";
import { applyDrill } from "@/lib/pipeline/drills";
import { loadManifest } from "@/lib/pipeline/manifests";
import { reviewEvidence } from "@/lib/pipeline/review";
import { queueRun } from "@/lib/engine/queue";
import { drainQueue } from "@/lib/engine/worker";

export const FIXTURES_DIR = path.join(process.cwd(), "prisma", "fixtures", "week06");

export const SCENARIO = {
  schedulerOutage: ["2026-03-22", "2026-03-23", "2026-03-24"],
  lessonExample: "2026-04-17",
  transientFault: "2026-04-03",
  lateData: "2026-03-15",
  corrupted: "2026-04-09",
  awaitingReview: "2026-04-28",
} as const;

export const SEED_ACTORS = {
  scheduler: "scheduler",
  operator: "operator@example.com",
  reviewer: "reviewer@example.com",
} as const;

export class AlreadySeededError extends Error {}

async function seedDrill(kind: string, target: { partitionKey: string; assetKey?: string }) {
  const result = await applyDrill(kind, target, SEED_ACTORS.operator);
  if (!result.ok) throw new Error(`seed drill ${kind} refused: ${result.message}`);
  return result;
}

export async function isEmpty(): Promise<boolean> {
  return (await db.manifest.count()) === 0 && (await db.run.count()) === 0;
}

function manifestFile(name: string): string {
  return path.join(FIXTURES_DIR, "manifests", name);
}

export async function seedScenario(log: (line: string) => void = () => {}): Promise<void> {
  if (!(await isEmpty()))
    throw new AlreadySeededError(
      "the database already holds manifests or runs; seed only an empty database (npm run db:reset starts over)",
    );
  const { partitions } = config();

  await seedDemoUsers();
  await db.$transaction(async (tx) => {
    for (const [i, a] of ASSET_DEFINITIONS.entries()) await tx.asset.create({ data: { ...a, position: i } });
    for (const [upstreamKey, downstreamKey] of ASSET_EDGES)
      await tx.assetEdge.create({ data: { upstreamKey, downstreamKey } });
  });

  const seed = await loadManifest(manifestFile("week06-seed-manifest-001.json"), { operator: SEED_ACTORS.scheduler });
  if (seed.status !== "valid") throw new Error(`seed manifest rejected: ${seed.message}`);
  log(`manifest ${seed.manifestId}: ${seed.recordCount} records`);

  const skipped = new Set<string>([...SCENARIO.schedulerOutage, SCENARIO.lessonExample]);
  await seedDrill("inject_transient_fault", { assetKey: SILVER_ASSET, partitionKey: SCENARIO.transientFault });

  // The scheduler built the days the seed manifest delivered; a calendar reaching past them shows those days as
  // gaps with no input (the empty-input gate's case), never as failed scheduled builds.
  const delivered = await db.manifest.findFirstOrThrow({
    where: { manifestId: seed.manifestId, status: "valid" },
    select: { windowEnd: true },
  });
  const lastScheduled = (
    delivered.windowEnd && delivered.windowEnd < partitions.end ? delivered.windowEnd : partitions.end
  ) as PartitionKey;
  for (const key of partitionRange(partitions.start, lastScheduled)) {
    if (!skipped.has(key))
      await queueRun({
        partitionKey: key,
        action: "scheduled",
        assets: PARTITIONED_ASSETS,
        operator: SEED_ACTORS.scheduler,
        origin: "scheduler",
      });
  }
  // The seed is its own worker: the queued runs execute here, through the same engine as every other run.
  await drainQueue();
  log(`scheduled runs built ${partitions.start}..${lastScheduled} except ${[...skipped].join(", ")}`);

  const evidence = await db.evidence.findMany({
    where: { run: { action: "scheduled", status: "succeeded", partitionKey: { not: SCENARIO.awaitingReview } } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  for (const e of evidence) {
    const review = await reviewEvidence({ evidenceId: e.id, reviewer: SEED_ACTORS.reviewer, decision: "approved" });
    if (!review.ok) throw new Error(`seed review refused: ${review.message}`);
  }
  log(`${evidence.length} runs approved by ${SEED_ACTORS.reviewer}`);

  const drill = await seedDrill("corrupt_priorities", { partitionKey: SCENARIO.corrupted });
  await drainQueue();
  // Operator logs are English (the seed runs before anyone reads it in a language).
  log(`drill corrupt_priorities on ${SCENARIO.corrupted}: ${drill.changed.map((c) => render(c, "en")).join("; ")}`);

  const late = await loadManifest(manifestFile("week06-late-manifest-002.json"), { operator: SEED_ACTORS.scheduler });
  log(`manifest ${late.manifestId}: ${late.status}`);

  const broken = await loadManifest(manifestFile("week06-broken-manifest-003.json"), {
    operator: SEED_ACTORS.operator,
  });
  log(
    `manifest week06-broken-manifest-003: ${broken.status}${broken.status === "rejected" ? ` (${broken.message})` : ""}`,
  );
}
