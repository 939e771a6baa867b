import { describe, expect, it } from "vitest";
import { RAW_ASSET, REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import { blockingFailed, runChecks } from "@/lib/domain/checks";

describe("checks after a write", () => {
  it("pass on a partition that holds exactly the expected tickets", () => {
    const checks = runChecks({ assetKey: SILVER_ASSET, expectedInputCount: 3, rowCount: 3, distinctTickets: 3, invalidPriorityCount: 0 });
    expect(checks.map((c) => [c.name, c.passed])).toEqual([
      ["output_count_matches_expected", true],
      ["guard_unique", true],
      ["priority_valid", true],
    ]);
    expect(blockingFailed(checks)).toBe(false);
  });

  it("fail, blocking, when rows are missing, duplicated or have bad priorities", () => {
    const checks = runChecks({ assetKey: SILVER_ASSET, expectedInputCount: 28, rowCount: 24, distinctTickets: 23, invalidPriorityCount: 2 });
    expect(checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(["output_count_matches_expected", "guard_unique", "priority_valid"]);
    expect(checks[0]).toMatchObject({ observed: "24", expected: "28", severity: "blocking" });
    expect(blockingFailed(checks)).toBe(true);
  });

  it("raw has no priority check (raw keeps priorities as delivered)", () => {
    expect(runChecks({ assetKey: RAW_ASSET, expectedInputCount: 1, rowCount: 1, distinctTickets: 1 }).map((c) => c.name)).toEqual(["output_count_matches_expected", "guard_unique"]);
  });

  it("the report check fails when the file is missing or disagrees with silver", () => {
    const base = { assetKey: REPORT_ASSET, expectedInputCount: 3, rowCount: 3, distinctTickets: 3, silverRowCount: 3 };
    expect(runChecks({ ...base, reportTicketCount: 3 })[0]!.passed).toBe(true);
    expect(runChecks({ ...base, reportTicketCount: null })[0]).toMatchObject({ passed: false, observed: "report file missing" });
    expect(runChecks({ ...base, reportTicketCount: 2 })[0]).toMatchObject({ passed: false, observed: "ticket_count 2" });
  });
});
