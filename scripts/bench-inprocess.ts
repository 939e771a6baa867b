// Part of npm run bench (scripts/bench.mjs): measurements made in-process against the generated store named by
// DATABASE_URL. Prints one JSON object on stdout.
import { config } from "@/lib/config";
import { addDays, type PartitionKey } from "@/lib/domain/partition";
import { createPlan } from "@/lib/pipeline/plans";
import { partitionedAssets, partitionStatuses, statusCodes } from "@/lib/read-model/partitions";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(n: number, f: () => Promise<unknown>): Promise<number[]> {
  await f(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out;
}

const { partitions, defaultPartition } = config();
const assets = (await partitionedAssets()).map((a) => a.key);
const cells = (await partitionStatuses(partitions.start, partitions.end, undefined, assets)).length;
// Every cell's status as the calendar reads them (SQL codes), and as per-cell objects (the read API, the planner).
const statuses = await time(5, () => statusCodes(partitions.start, partitions.end, assets));
const objects = await time(3, () => partitionStatuses(partitions.start, partitions.end, undefined, assets));
const yearFrom = addDays(partitions.end, -364);
const plan = await time(5, () =>
  createPlan({ from: yearFrom, to: partitions.end, reprocess: "failed_and_missing" }, "bench@example.com"),
);
const one = await time(20, () => partitionStatuses(defaultPartition, defaultPartition, undefined, assets));
const planned = await createPlan(
  { from: yearFrom, to: partitions.end, reprocess: "failed_and_missing" },
  "bench@example.com",
);

process.stdout.write(
  JSON.stringify({
    cells,
    assets: assets.length,
    statuses_all_cells_ms: { median: median(statuses), runs: statuses.length },
    status_objects_all_cells_ms: { median: median(objects), runs: objects.length },
    plan_365_days_ms: {
      median: median(plan),
      runs: plan.length,
      included: planned.ok ? planned.plan.partitions.filter((p) => p.included).length : 0,
    },
    status_one_partition_ms: { median: median(one), runs: one.length },
    year: { from: yearFrom as PartitionKey, to: partitions.end },
  }),
);
