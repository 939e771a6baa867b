import { describe, expect, it } from "vitest";
import { BACKFILL_STATUSES, backfillEta, byMonth, percentDone } from "@/lib/domain/backfill";

describe("a backfill's estimate of the time it has left", () => {
  const running = { status: "running" as const, meanRunMs: 3000, left: 6, maxConcurrentRuns: 2 };

  it("is the mean run time × runs left, shared by the runs at once", () => {
    expect(backfillEta(running)).toBe(9000);
    expect(backfillEta({ ...running, status: "queued" })).toBe(9000);
  });

  it("is none while paused or cancelling: nothing new starts, so no figure would come true", () => {
    expect(backfillEta({ ...running, status: "paused" })).toBeNull();
    expect(backfillEta({ ...running, status: "cancelling" })).toBeNull();
  });

  it("is none before any run has finished, and 0 once nothing is left", () => {
    expect(backfillEta({ ...running, meanRunMs: null })).toBeNull();
    for (const status of BACKFILL_STATUSES) expect(backfillEta({ ...running, status, left: 0 })).toBe(0);
    expect(backfillEta({ ...running, status: "completed_with_failures" })).toBeNull();
  });
});

describe("a backfill's percentage done", () => {
  it("rounds down, so 100 % means every partition is done", () => {
    expect(percentDone(0, 12)).toBe(0);
    expect(percentDone(5, 12)).toBe(41);
    expect(percentDone(364, 365)).toBe(99);
    expect(percentDone(365, 365)).toBe(100);
    expect(percentDone(0, 0)).toBe(0);
  });
});

describe("the strip's months", () => {
  it("groups consecutive partitions of a month, in the order shown", () => {
    const keys = ["2026-04-02", "2026-04-01", "2026-03-31", "2026-03-30", "2026-04-03"];
    expect(byMonth(keys, (k) => k)).toEqual([
      { month: "2026-04", items: ["2026-04-02", "2026-04-01"] },
      { month: "2026-03", items: ["2026-03-31", "2026-03-30"] },
      { month: "2026-04", items: ["2026-04-03"] },
    ]);
    expect(byMonth([], (k: string) => k)).toEqual([]);
  });
});
