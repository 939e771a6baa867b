import { describe, expect, it } from "vitest";
import {
  checkRange,
  partitionKeyOf,
  partitionKeyProblem,
  partitionRange,
  partitionWindow,
  toUtcIso,
  utcTimestamp,
  type PartitionKey,
} from "@/lib/domain/partition";

const def = { start: "2026-03-01" as PartitionKey, end: "2026-04-30" as PartitionKey };

describe("UTC partitioning", () => {
  it("shows an instant in UTC to the second, whatever the machine's zone", () => {
    expect(utcTimestamp(new Date("2026-04-17T23:59:59.999+08:00"))).toBe("2026-04-17 15:59:59 UTC");
  });

  it("puts an event in the partition of its UTC date, whatever offset it was written with", () => {
    expect(partitionKeyOf("2026-04-18T06:30:00+08:00")).toBe("2026-04-17");
    expect(partitionKeyOf("2026-04-17T07:30:00+08:00")).toBe("2026-04-16");
    expect(partitionKeyOf("2026-04-17T20:48:07-05:00")).toBe("2026-04-18");
    expect(partitionKeyOf("2026-04-17T23:59:59+00:00")).toBe("2026-04-17");
    expect(partitionKeyOf("2026-04-17T00:00:00Z")).toBe("2026-04-17");
  });

  it("normalises to a UTC instant that sorts as time", () => {
    expect(toUtcIso("2026-04-17T10:40:00-05:00")).toBe("2026-04-17T15:40:00.000Z");
  });

  it("refuses a time without an offset instead of guessing the server's zone", () => {
    expect(() => partitionKeyOf("2026-04-17T10:40:00")).toThrow(/no UTC offset/);
  });

  it("gives the exact window of a partition", () => {
    expect(partitionWindow("2026-04-17" as PartitionKey)).toEqual({
      window_start: "2026-04-17T00:00:00+00:00",
      window_end: "2026-04-17T23:59:59.999999+00:00",
    });
  });
});

describe("partition keys", () => {
  it("accepts real days and names the problem of anything else", () => {
    expect(partitionKeyProblem("2026-04-17")).toBeNull();
    expect(partitionKeyProblem("2024-02-29")).toBeNull();
    expect(partitionKeyProblem("2026-02-30")).toMatch(/not a real calendar date/);
    expect(partitionKeyProblem("2026-4-17")).toMatch(/expected a date as YYYY-MM-DD/);
    expect(partitionKeyProblem("yesterday")).toMatch(/expected a date as YYYY-MM-DD/);
  });

  it("enumerates a range across a month end, both ends included", () => {
    expect(partitionRange("2026-03-30" as PartitionKey, "2026-04-02" as PartitionKey)).toEqual([
      "2026-03-30",
      "2026-03-31",
      "2026-04-01",
      "2026-04-02",
    ]);
  });
});

describe("checkRange", () => {
  it("accepts a window inside the definition", () => {
    expect(checkRange(def, "2026-03-20", "2026-03-26")).toEqual({ ok: true, from: "2026-03-20", to: "2026-03-26" });
  });
  it("names each problem on its own", () => {
    expect(checkRange(def, "2026-02-30", "2026-03-02")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^from: .*not a real calendar date/),
    });
    expect(checkRange(def, "2026-03-05", "2026-03-01")).toMatchObject({
      ok: false,
      message: "the window ends (2026-03-01) before it starts (2026-03-05)",
    });
    expect(checkRange(def, "2026-02-27", "2026-03-02")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/outside the partitions definition 2026-03-01..2026-04-30/),
    });
  });
});
