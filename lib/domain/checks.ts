// Checks run after every write. Each is a named assertion with a severity and observed/expected values;
// a blocking failure quarantines the partition. Pure: the pipeline gathers the facts, these judge them.
import { RAW_ASSET, REPORT_ASSET, SILVER_ASSET } from "@/lib/domain/assets";

export type CheckSeverity = "blocking" | "warning";

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
  rowCount: number;
  distinctTickets: number;
  /** Rows whose priority is not one of P1..P4 (silver only). */
  invalidPriorityCount?: number;
  /** The report file's ticket_count, or null when the file is missing (report only). */
  reportTicketCount?: number | null;
  silverRowCount?: number;
}

function outcome(name: string, severity: CheckSeverity, passed: boolean, observed: unknown, expected: unknown, ok: string, bad: string): CheckOutcome {
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

export function reportAgreesWithStore(f: PartitionFacts): CheckOutcome {
  const reported = f.reportTicketCount;
  return outcome(
    "report_matches_store",
    "blocking",
    reported !== null && reported !== undefined && reported === f.silverRowCount,
    reported === null || reported === undefined ? "report file missing" : `ticket_count ${reported}`,
    `ticket_count ${f.silverRowCount}`,
    "the report file exists and agrees with silver",
    reported === null || reported === undefined ? "the partition report file is missing" : `the report says ${reported} tickets but silver holds ${f.silverRowCount}`,
  );
}

/** The suite for an asset. */
export function runChecks(f: PartitionFacts): CheckOutcome[] {
  switch (f.assetKey) {
    case RAW_ASSET:
      return [outputCountMatchesExpected(f), guardHolds(f)];
    case SILVER_ASSET:
      return [outputCountMatchesExpected(f), guardHolds(f), prioritiesValid(f)];
    case REPORT_ASSET:
      return [reportAgreesWithStore(f)];
    default:
      throw new Error(`no checks defined for asset ${f.assetKey}`);
  }
}

export function blockingFailed(checks: CheckOutcome[]): boolean {
  return checks.some((c) => c.severity === "blocking" && !c.passed);
}
