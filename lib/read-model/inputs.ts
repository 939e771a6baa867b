// What the upstream manifests say a partition should hold: which valid manifests cover it, their
// fingerprint, and the expected input count (distinct tickets after the guard, kept in PartitionInput by the
// manifest loader). Two queries for any range.
import { db } from "@/lib/db";
import { manifestFingerprint } from "@/lib/domain/status";
import { partitionRange, type PartitionKey } from "@/lib/domain/partition";

export interface CoveringManifest {
  pk: number;
  manifestId: string;
  contentSha256: string;
  source: string | null;
  windowStart: string;
  windowEnd: string;
}

export interface PartitionInput {
  manifests: CoveringManifest[];
  fingerprint: string;
  expectedInputCount: number;
}

export async function validManifests(): Promise<CoveringManifest[]> {
  const rows = await db.manifest.findMany({
    where: { status: "valid" },
    select: { id: true, manifestId: true, contentSha256: true, source: true, windowStart: true, windowEnd: true },
    orderBy: { id: "asc" },
  });
  return rows.map((m) => ({
    pk: m.id,
    manifestId: m.manifestId!,
    contentSha256: m.contentSha256,
    source: m.source,
    windowStart: m.windowStart!,
    windowEnd: m.windowEnd!,
  }));
}

export async function partitionInputs(
  from: PartitionKey,
  to: PartitionKey,
): Promise<Map<PartitionKey, PartitionInput>> {
  const [manifests, counts] = await Promise.all([
    validManifests(),
    db.partitionInput.findMany({ where: { partitionKey: { gte: from, lte: to } } }),
  ]);
  const expected = new Map(counts.map((c) => [c.partitionKey, c.expectedCount]));
  const out = new Map<PartitionKey, PartitionInput>();
  for (const key of partitionRange(from, to)) {
    const covering = manifests.filter((m) => m.windowStart <= key && key <= m.windowEnd);
    out.set(key, {
      manifests: covering,
      fingerprint: manifestFingerprint(covering),
      expectedInputCount: expected.get(key) ?? 0,
    });
  }
  return out;
}

export async function partitionInput(key: PartitionKey): Promise<PartitionInput> {
  return (await partitionInputs(key, key)).get(key)!;
}
