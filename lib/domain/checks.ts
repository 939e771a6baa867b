// Checks run after every write. Each is a named assertion with a severity and observed/expected values;
// a blocking failure quarantines the partition. Pure: the pipeline gathers the facts, these judge them.
import { RAW_ASSET, REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";
import { render, semicolonList, text, type Text, type TextValue } from "@/lib/i18n/text";

export const CHECK_SEVERITIES = ["blocking", "warning"] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

/** What a check says, as catalog messages: each reader gets them in their language (CheckResult.texts). */
export interface CheckTexts {
  observed: TextValue;
  expected: TextValue;
  message: TextValue;
}

/** observed, expected and message are the English of `texts`: what the evidence document and the API keep. */
export interface CheckOutcome {
  name: string;
  severity: CheckSeverity;
  passed: boolean;
  observed: string;
  expected: string;
  message: string;
  texts: CheckTexts;
}

/** The English of a check's messages beside the messages themselves. */
function said(texts: CheckTexts): Pick<CheckOutcome, "observed" | "expected" | "message" | "texts"> {
  return {
    observed: render(texts.observed, "en"),
    expected: render(texts.expected, "en"),
    message: render(texts.message, "en"),
    texts,
  };
}

/** A check's outcome with new words (a drill forcing it to fail). */
export function restated(c: CheckOutcome, texts: CheckTexts): CheckOutcome {
  return { ...c, ...said(texts) };
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
  manifestProblems?: Text[];
  manifestsChecked?: number;
  /** The report file's ticket_count, or null when the file is missing (report only). */
  reportTicketCount?: number | null;
  silverRowCount?: number;
}

function outcome(
  name: string,
  severity: CheckSeverity,
  passed: boolean,
  observed: TextValue,
  expected: TextValue,
  ok: TextValue,
  bad: TextValue,
): CheckOutcome {
  return { name, severity, passed, ...said({ observed, expected, message: passed ? ok : bad }) };
}

export function outputCountMatchesExpected(f: PartitionFacts): CheckOutcome {
  const values = { rows: f.rowCount, expected: f.expectedInputCount };
  return outcome(
    "output_count_matches_expected",
    "blocking",
    f.rowCount === f.expectedInputCount,
    f.rowCount,
    f.expectedInputCount,
    text("checkText.count.ok", values),
    text("checkText.count.bad", values),
  );
}

/**
 * The lesson: "if expected input is 0, first confirm the upstream really has records for that day". A build from no
 * input fails here — unless the operator attested at plan time that the day truly has no data, and why.
 */
export function inputPresent(f: PartitionFacts): CheckOutcome {
  const attested = f.emptyInputAttestation ?? null;
  const count = f.expectedInputCount;
  return outcome(
    "input_present",
    "blocking",
    count > 0 || attested !== null,
    text(count === 0 && attested ? "checkText.input.observedAttested" : "checkText.input.observed", { count }),
    text("checkText.input.expected"),
    count > 0
      ? text("checkText.input.ok", { count })
      : text("checkText.input.okAttested", { attested: attested ?? "" }),
    text("checkText.input.bad"),
  );
}

export function guardHolds(f: PartitionFacts): CheckOutcome {
  const duplicates = f.rowCount - f.distinctTickets;
  return outcome(
    "guard_unique",
    "blocking",
    duplicates === 0,
    text("checkText.guard.observed", { count: duplicates }),
    text("checkText.guard.observed", { count: 0 }),
    text("checkText.guard.ok"),
    text("checkText.guard.bad", { count: duplicates }),
  );
}

export function eventTimesInWindow(f: PartitionFacts): CheckOutcome {
  const outside = f.outsideWindowCount ?? 0;
  return outcome(
    "event_time_in_window",
    "blocking",
    outside === 0,
    text("checkText.window.observed", { count: outside }),
    text("checkText.window.observed", { count: 0 }),
    text("checkText.window.ok"),
    text("checkText.window.bad", { count: outside }),
  );
}

export function requiredFieldsPresent(f: PartitionFacts): CheckOutcome {
  const missing = f.missingRequiredCount ?? 0;
  return outcome(
    "required_fields_present",
    "blocking",
    missing === 0,
    text("checkText.required.observed", { count: missing }),
    text("checkText.required.observed", { count: 0 }),
    text("checkText.required.ok"),
    text("checkText.required.bad", { count: missing }),
  );
}

export function prioritiesValid(f: PartitionFacts): CheckOutcome {
  const invalid = f.invalidPriorityCount ?? 0;
  return outcome(
    "priority_valid",
    "blocking",
    invalid === 0,
    text("checkText.priority.observed", { count: invalid }),
    text("checkText.priority.observed", { count: 0 }),
    text("checkText.priority.ok"),
    text("checkText.priority.bad", { count: invalid }),
  );
}

export function firstResponsePresent(f: PartitionFacts): CheckOutcome {
  const missing = f.missingFirstResponseCount ?? 0;
  return outcome(
    "first_response_present",
    "warning",
    missing === 0,
    text("checkText.firstResponse.observed", { count: missing }),
    text("checkText.firstResponse.observed", { count: 0 }),
    text("checkText.firstResponse.ok"),
    text("checkText.firstResponse.bad", { count: missing }),
  );
}

export function silverCoversRaw(f: PartitionFacts): CheckOutcome {
  const observed = text("checkText.silverRaw.observed", {
    lost: f.rawOnlyTickets ?? 0,
    extra: f.silverOnlyTickets ?? 0,
  });
  return outcome(
    "silver_covers_raw",
    "blocking",
    (f.silverOnlyTickets ?? 0) === 0 && (f.rawOnlyTickets ?? 0) === 0,
    observed,
    text("checkText.silverRaw.ok"),
    text("checkText.silverRaw.ok"),
    text("checkText.silverRaw.bad", { detail: observed }),
  );
}

export function manifestsStillValid(f: PartitionFacts): CheckOutcome {
  const problems = semicolonList(f.manifestProblems ?? []);
  const passed = (f.manifestProblems ?? []).length === 0;
  return outcome(
    "manifests_verified",
    "blocking",
    passed,
    passed ? text("checkText.manifests.observed", { count: f.manifestsChecked ?? 0 }) : problems,
    text("checkText.manifests.expected"),
    text("checkText.manifests.ok"),
    text("checkText.manifests.bad", { problems }),
  );
}

export function reportAgreesWithStore(f: PartitionFacts): CheckOutcome {
  const reported = f.reportTicketCount ?? null;
  const silver = f.silverRowCount ?? 0;
  return outcome(
    "report_matches_store",
    "blocking",
    reported !== null && reported === f.silverRowCount,
    reported === null
      ? text("checkText.report.observedMissing")
      : text("checkText.report.ticketCount", { count: reported }),
    text("checkText.report.ticketCount", { count: silver }),
    text("checkText.report.ok"),
    reported === null ? text("checkText.report.badMissing") : text("checkText.report.badDiffers", { reported, silver }),
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
