import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

describe("configuration", () => {
  it("uses the documented defaults when nothing is set", () => {
    const c = parseConfig({}, "/srv/desk");
    expect(c).toMatchObject({
      databaseFile: "/srv/desk/data/partition-desk.db",
      partitions: { start: "2026-03-01", end: "2026-04-30" },
      defaultPartition: "2026-04-17",
      reportDir: "/srv/desk/reports/week06",
      port: 3000,
    });
  });

  it.each([
    [{ WEEK06_DEFAULT_PARTITION: "2026-02-30" }, /WEEK06_DEFAULT_PARTITION: "2026-02-30" is not a real calendar date/],
    [{ WEEK06_PARTITION_START_DATE: "March 1st" }, /WEEK06_PARTITION_START_DATE: .*expected a date as YYYY-MM-DD/],
    [{ WEEK06_PARTITION_END_DATE: "2026-02-01" }, /WEEK06_PARTITION_END_DATE: ends before WEEK06_PARTITION_START_DATE/],
    [{ WEEK06_DEFAULT_PARTITION: "2026-05-02" }, /WEEK06_DEFAULT_PARTITION: 2026-05-02 is outside 2026-03-01..2026-04-30/],
    [{ DATABASE_URL: "postgres://db/desk" }, /DATABASE_URL: must be a SQLite file URL/],
    [{ PORT: "eighty" }, /PORT:/],
  ])("stops with a message naming the bad variable: %j", (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});
