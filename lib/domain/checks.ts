// Checks run after every write. Each is a named assertion with a severity and observed/expected values;
// a blocking failure quarantines the partition. Pure: the pipeline gathers the facts, these judge them.
import { RAW_ASSET, REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";

export const CHECK_SEVERITIES = ["blocking", "warning"] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

export interface CheckOutcome {
  name: string;
  severity: CheckSeverity;
  passed: boolean;
  observed: string;
  expected: string;
  message: string;
}

/** What the pipeline observed about one asset of one partition right after writing it. */
export interface PartitionFacts {
  assetKey: string;
  expectedInputCount: number;
  /** The plan's attestation that the day truly has no data, with its author and reason (raw, silver). */
  emptyInputAttestation?: string | null;
  rowCount: number;
  distinctTickets: number;
  /** Rows whose event time (UTC) falls outside the partition's window (raw, silver). */
  outsideWindowCount?: number;
  /** Rows missing a required field: ticket, event, type, time, customer, channel, product line (raw, silver). */
  missingRequiredCount?: number;
  /** Rows whose priority is not one of P1..P4 (silver only). */
  invalidPriorityCount?: number;
  /** Rows with no first_response_minutes (silver; a warning, not a blocker). */
  missingFirstResponseCount?: number;
  /** Tickets in silver but not raw, and in raw but not silver (silver only). */
  silverOnlyTickets?: number;
  rawOnlyTickets?: number;
  /** The manifests the asset was built from, re-verified against their files (raw only). */
  manifestProblems?: string[];
  manifestsChecked?: number;
  /** The report file's ticket_count, or null when the file is missing (report only). */
  reportTicketCount?: number | null;
  silverRowCount?: number;
}

function outcome(
  name: string,
  severity: CheckSeverity,
  passed: boolean,
  observed: unknown,
  expected: unknown,
  ok: string,
  bad: string,
): CheckOutcome {
  return { name, severity, passed, observed: String(observed), expected: String(expected), message: passed ? ok : bad };
}

export function outputCountMatchesExpected(f: PartitionFacts): CheckOutcome {
  return outcome(
    "output_count_matches_expected",
    "blocking",
    f.rowCount === f.expectedInputCount,
    f.rowCount,
    f.expectedInputCount,
    `${f.rowCount} rows, as expected from the manifests`,
    `${f.rowCount} rows but the manifests have ${f.expectedInputCount} distinct tickets`,
  );
}

/**
 * The lesson: "if expected input is 0, first confirm the upstream really has records for that day". A build from no
 * input fails here — unless the operator attested at plan time that the day truly has no data, and why.
 */
export function inputPresent(f: PartitionFacts): CheckOutcome {
  const attested = f.emptyInputAttestation ?? null;
  return outcome(
    "input_present",
    "blocking",
    f.expectedInputCount > 0 || attested !== null,
    `${f.expectedInputCount} input tickets${f.expectedInputCount === 0 && attested ? " (attested empty)" : ""}`,
    "more than 0 input tickets, or an attested empty day",
    f.expectedInputCount > 0
      ? `${f.expectedInputCount} input tickets from the manifests`
      : `no input, attested: ${attested}`,
    "no input for this day: confirm the upstream really has no records for it, then attest that in the plan — an empty build is not released unattested",
  );
}

export function guardHolds(f: PartitionFacts): CheckOutcome {
  const duplicates = f.rowCount - f.distinctTickets;
  return outcome(
    "guard_unique",
    "blocking",
    duplicates === 0,
    `${duplicates} duplicate ticket rows`,
    "0 duplicate ticket rows",
    "one row per ticket_id + partition_key",
    `${duplicates} tickets have more than one row in the partition`,
  );
}

export function eventTimesInWindow(f: PartitionFacts): CheckOutcome {
  const outside = f.outsideWindowCount ?? 0;
  return outcome(
    "event_time_in_window",
    "blocking",
    outside === 0,
    `${outside} rows outside the window`,
    "0 rows outside the window",
    "every event_time falls inside the partition's UTC window",
    `${outside} rows have an event_time outside the partition's UTC window`,
  );
}

export function requiredFieldsPresent(f: PartitionFacts): CheckOutcome {
  const missing = f.missingRequiredCount ?? 0;
  return outcome(
    "required_fields_present",
    "blocking",
    missing === 0,
    `${missing} rows missing a required field`,
    "0 rows missing a required field",
    "ticket, event, type, time, customer, channel and product line are present on every row",
    `${missing} rows miss a required field`,
  );
}

export function prioritiesValid(f: PartitionFacts): CheckOutcome {
  const invalid = f.invalidPriorityCount ?? 0;
  return outcome(
    "priority_valid",
    "blocking",
    invalid === 0,
    `${invalid} rows outside P1..P4`,
    "0 rows outside P1..P4",
    "every priority is P1..P4",
    `${invalid} rows have a missing or invalid priority`,
  );
}

export function firstResponsePresent(f: PartitionFacts): CheckOutcome {
  const missing = f.missingFirstResponseCount ?? 0;
  return outcome(
    "first_response_present",
    "warning",
    missing === 0,
    `${missing} rows without first_response_minutes`,
    "0 rows without first_response_minutes",
    "every ticket has a first response time",
    `${missing} tickets have no first response time yet (allowed; watch the trend)`,
  );
}

export function silverCoversRaw(f: PartitionFacts): CheckOutcome {
  const extra = f.silverOnlyTickets ?? 0;
  const lost = f.rawOnlyTickets ?? 0;
  return outcome(
    "silver_covers_raw",
    "blocking",
    extra === 0 && lost === 0,
    `${lost} raw tickets missing from silver, ${extra} silver tickets not in raw`,
    "silver holds exactly raw's tickets",
    "silver holds exactly raw's tickets",
    `silver and raw disagree: ${lost} raw tickets missing from silver, ${extra} silver tickets not in raw`,
  );
}

export function manifestsStillValid(f: PartitionFacts): CheckOutcome {
  const problems = f.manifestProblems ?? [];
  return outcome(
    "manifests_verified",
    "blocking",
    problems.length === 0,
    problems.length === 0 ? `${f.manifestsChecked ?? 0} manifests verified` : problems.join("; "),
    "every manifest used is valid and its files match their sha256",
    "the manifests used are valid and their files still match their sha256",
    `a manifest used no longer verifies: ${problems.join("; ")}`,
  );
}

export function reportAgreesWithStore(f: PartitionFacts): CheckOutcome {
  const reported = f.reportTicketCount;
  return outcome(
    "report_matches_store",
    "blocking",
    reported !== null && reported !== undefined && reported === f.silverRowCount,
    reported === null || reported === undefined ? "report file missing" : `ticket_count ${reported}`,
    `ticket_count ${f.silverRowCount}`,
    "the report file exists and agrees with silver",
    reported === null || reported === undefined
      ? "the partition report file is missing"
      : `the report says ${reported} tickets but silver holds ${f.silverRowCount}`,
  );
}

/** The suite for an asset. */
export function runChecks(f: PartitionFacts): CheckOutcome[] {
  switch (f.assetKey) {
    case RAW_ASSET:
      return [
        inputPresent(f),
        outputCountMatchesExpected(f),
        guardHolds(f),
        eventTimesInWindow(f),
        requiredFieldsPresent(f),
        manifestsStillValid(f),
      ];
    case SILVER_ASSET:
      return [
        inputPresent(f),
        outputCountMatchesExpected(f),
        guardHolds(f),
        eventTimesInWindow(f),
        requiredFieldsPresent(f),
        prioritiesValid(f),
        silverCoversRaw(f),
        firstResponsePresent(f),
      ];
    case REPORT_ASSET:
      return [reportAgreesWithStore(f)];
    default:
      throw new Error(`no checks defined for asset ${f.assetKey}`);
  }
}

/** The checks each asset's build runs (runChecks), by name: a required check applies to a run that built its asset. */
export const CHECKS_BY_ASSET: Record<string, readonly string[]> = {
  [RAW_ASSET]: [
    "input_present",
    "output_count_matches_expected",
    "guard_unique",
    "event_time_in_window",
    "required_fields_present",
    "manifests_verified",
  ],
  [SILVER_ASSET]: [
    "input_present",
    "output_count_matches_expected",
    "guard_unique",
    "event_time_in_window",
    "required_fields_present",
    "priority_valid",
    "silver_covers_raw",
    "first_response_present",
  ],
  [REPORT_ASSET]: ["report_matches_store"],
};

/** Every check name, for validating the policy's required_checks. */
export const CHECK_NAMES = [
  "input_present",
  "output_count_matches_expected",
  "guard_unique",
  "event_time_in_window",
  "required_fields_present",
  "priority_valid",
  "first_response_present",
  "silver_covers_raw",
  "manifests_verified",
  "report_matches_store",
] as const;

export function blockingFailed(checks: CheckOutcome[]): boolean {
  return checks.some((c) => c.severity === "blocking" && !c.passed);
}
