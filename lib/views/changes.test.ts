// The change token every live page polls (GET /api/changes, every 3 s): it answers on the store it runs on, stays
// put while nothing changes, and moves with what pages show — drills' revert and consumption times included, to
// the millisecond. lib/views/changes.postgres.test.ts runs the same on PostgreSQL, which refused the token's SQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useSeededStore } from "@/lib/test-support";
import { changeToken } from "@/lib/views/changes";

beforeAll(() => useSeededStore());

describe("the change token", () => {
  it("stays the same while nothing changes", async () => {
    const token = await changeToken();
    expect(await changeToken()).toBe(token);
  });

  it("moves when a drill is reverted or consumed, even twice within one second", async () => {
    const drill = await db.drill.create({
      data: { kind: "fail_check", assetKey: "a", partitionKey: "2026-04-01", status: "applied", operator: "t" },
    });
    const seen = new Set([await changeToken()]);
    const at = new Date("2031-01-01T00:00:00.100Z");
    await db.drill.update({ where: { id: drill.id }, data: { consumedAt: at } });
    seen.add(await changeToken());
    await db.drill.update({ where: { id: drill.id }, data: { revertedAt: at } });
    seen.add(await changeToken());
    await db.drill.update({ where: { id: drill.id }, data: { revertedAt: new Date(at.getTime() + 500) } });
    seen.add(await changeToken());
    expect(seen.size).toBe(4);
  });

  it("moves when a run is queued", async () => {
    const before = await changeToken();
    await db.run.create({
      data: { action: "rerun", partitionKey: "2026-04-01", status: "queued", operator: "t", targetAssets: "[]" },
    });
    expect(await changeToken()).not.toBe(before);
  });
});
