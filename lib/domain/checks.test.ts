import { describe, expect, it } from "vitest";
import { RAW_ASSET, REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import {
  blockingFailed,
  CHECKS_BY_ASSET,
  eventTimesInWindow,
  inputPresent,
  firstResponsePresent,
  guardHolds,
  manifestsStillValid,
  outputCountMatchesExpected,
  prioritiesValid,
  reportAgreesWithStore,
  requiredFieldsPresent,
  runChecks,
  silverCoversRaw,
  type PartitionFacts,
} from "@/lib/domain/checks";

const good: PartitionFacts = {
  assetKey: SILVER_ASSET,
  expectedInputCount: 3,
  rowCount: 3,
  distinctTickets: 3,
  outsideWindowCount: 0,
  missingRequiredCount: 0,
  invalidPriorityCount: 0,
  missingFirstResponseCount: 0,
  silverOnlyTickets: 0,
  rawOnlyTickets: 0,
  manifestProblems: [],
  manifestsChecked: 1,
  reportTicketCount: 3,
  silverRowCount: 3,
};

describe("each check, on good and bad data", () => {
  it.each([
    [
      outputCountMatchesExpected,
      { rowCount: 2, distinctTickets: 2 },
      "2 rows but the manifests have 3 distinct tickets",
    ],
    [guardHolds, { distinctTickets: 2 }, "1 ticket has more than one row in the partition"],
    [eventTimesInWindow, { outsideWindowCount: 1 }, "1 row has an event_time outside the partition's UTC window"],
    [requiredFieldsPresent, { missingRequiredCount: 2 }, "2 rows miss a required field"],
    [prioritiesValid, { invalidPriorityCount: 3 }, "3 rows have a missing or invalid priority"],
    [
      silverCoversRaw,
      { rawOnlyTickets: 1 },
      "silver and raw disagree: 1 raw ticket missing from silver, 0 silver tickets not in raw",
    ],
    [
      manifestsStillValid,
      { manifestProblems: ["m-001: b.ndjson no longer matches its sha256"] },
      "a manifest used no longer verifies: m-001: b.ndjson no longer matches its sha256",
    ],
    [reportAgreesWithStore, { reportTicketCount: null }, "the partition report file is missing"],
    [reportAgreesWithStore, { reportTicketCount: 2 }, "the report says 2 tickets but silver holds 3"],
  ] as [(f: PartitionFacts) => ReturnType<typeof guardHolds>, Partial<PartitionFacts>, string][])(
    "%o passes on good data and fails, blocking, with its reason on bad",
    (check, bad, message) => {
      expect(check(good).passed).toBe(true);
      const failed = check({ ...good, ...bad });
      expect(failed).toMatchObject({ passed: false, severity: "blocking", message });
    },
  );

  it("a missing first response is a warning, not a blocker", () => {
    const c = firstResponsePresent({ ...good, missingFirstResponseCount: 2 });
    expect(c).toMatchObject({ passed: false, severity: "warning", observed: "2 rows without first_response_minutes" });
    expect(blockingFailed([c])).toBe(false);
  });
});

describe("the empty-input gate (input_present)", () => {
  it("passes with input, fails, blocking, on 0 input with the lesson's advice", () => {
    expect(inputPresent(good)).toMatchObject({ passed: true, observed: "3 input tickets" });
    expect(inputPresent({ ...good, expectedInputCount: 0, rowCount: 0 })).toMatchObject({
      passed: false,
      severity: "blocking",
      message:
        "no input for this day: confirm the upstream really has no records for it, then attest that in the plan — an empty build is not released unattested",
    });
  });
  it("passes on 0 input only with an attestation, and says whose", () => {
    expect(
      inputPresent({
        ...good,
        expectedInputCount: 0,
        emptyInputAttestation: "operator@example.com: holiday, upstream confirmed",
      }),
    ).toMatchObject({
      passed: true,
      observed: "0 input tickets (attested empty)",
      message: "no input, attested: operator@example.com: holiday, upstream confirmed",
    });
  });
});

describe("the suite of each asset", () => {
  it("raw: counts, guard, window, required fields, manifests — not priorities (raw keeps them as delivered)", () => {
    expect(runChecks({ ...good, assetKey: RAW_ASSET }).map((c) => c.name)).toEqual([
      "input_present",
      "output_count_matches_expected",
      "guard_unique",
      "event_time_in_window",
      "required_fields_present",
      "manifests_verified",
    ]);
  });
  it("silver: adds priorities, coverage of raw, and the first-response warning", () => {
    const checks = runChecks(good);
    expect(checks.map((c) => c.name)).toEqual([
      "input_present",
      "output_count_matches_expected",
      "guard_unique",
      "event_time_in_window",
      "required_fields_present",
      "priority_valid",
      "silver_covers_raw",
      "first_response_present",
    ]);
    expect(checks.every((c) => c.passed)).toBe(true);
  });
  it("report: the file agrees with silver", () => {
    expect(runChecks({ ...good, assetKey: REPORT_ASSET }).map((c) => c.name)).toEqual(["report_matches_store"]);
  });
  it("CHECKS_BY_ASSET names exactly what each asset's suite runs (required checks are judged by it)", () => {
    for (const asset of [RAW_ASSET, SILVER_ASSET, REPORT_ASSET])
      expect(runChecks({ ...good, assetKey: asset }).map((c) => c.name)).toEqual(CHECKS_BY_ASSET[asset]);
  });
  it("one blocking failure is enough to quarantine", () => {
    expect(blockingFailed(runChecks({ ...good, invalidPriorityCount: 1 }))).toBe(true);
  });
});
