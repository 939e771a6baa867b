// A disk that refuses the evidence: the run fails with that reason (nothing unreviewable looks finished), the
// queue goes on with the next run, and once the folder is usable again a rerun succeeds.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import type { PartitionKey } from "@/lib/domain/partition";
import { partitionStatuses } from "@/lib/read-model/partitions";
import { planAndExecute, useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

describe("an unwritable evidence folder", () => {
  it("fails each run with the reason, keeps the queue going, and a rerun succeeds once it is fixed", async () => {
    const folder = path.join(config().reportDir, "evidence");
    // Tests run as root, which ignores permission bits: a file where the folder should be refuses every write.
    fs.renameSync(folder, `${folder}.aside`);
    fs.writeFileSync(folder, "not a folder");
    try {
      const { summaries } = await planAndExecute({ from: "2026-03-22", to: "2026-03-24" });
      expect(summaries).toHaveLength(3); // the first failure did not stop the queue
      for (const s of summaries) {
        expect(s.status).toBe("failed");
        expect(s.error).toMatch(/^evidence could not be written: (ENOTDIR|EEXIST)/);
      }
      expect(await db.evidence.count({ where: { runId: { in: summaries.map((s) => s.runId) } } })).toBe(0);
      // What they built is not offered for review: the partitions show failed, with the reason.
      const statuses = await partitionStatuses("2026-03-22" as PartitionKey, "2026-03-24" as PartitionKey);
      expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(["failed"]));
      expect(await db.partitionLock.count()).toBe(0);
    } finally {
      fs.rmSync(folder);
      fs.renameSync(`${folder}.aside`, folder);
    }
    const { summaries } = await planAndExecute({ partition: "2026-03-23" });
    expect(summaries).toEqual([expect.objectContaining({ status: "succeeded", checksFailed: 0 })]);
  });
});
