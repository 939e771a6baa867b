// Safe drills, described before they run. Pure: what each drill will change, in the operator's words.
import { assetLabel } from "@/lib/domain/assets";

export const DRILL_KINDS = ["move_report_aside", "load_broken_manifest", "fail_check", "inject_transient_fault", "corrupt_priorities"] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

export const DRILL_TITLES: Record<DrillKind, string> = {
  move_report_aside: "Move a partition's report aside",
  load_broken_manifest: "Load a deliberately broken manifest",
  fail_check: "Make a named check fail for one partition",
  inject_transient_fault: "Inject a transient fault into the next run",
  corrupt_priorities: "Null the priorities of one partition's silver rows",
};

export const DRILL_PRACTISES: Record<DrillKind, string> = {
  move_report_aside: "backfill or rerun of a missing report (gap missing_partition_report)",
  load_broken_manifest: "reading a manifest rejection; nothing to recover",
  fail_check: "a quarantined partition (gap check_failed) and a rerun",
  inject_transient_fault: "retry of a transient failure (gap failed_run)",
  corrupt_priorities: "restore from the snapshot taken before a bad write",
};

export interface DrillTarget {
  partitionKey?: string;
  assetKey?: string;
  checkName?: string;
}

/** The dry run of a drill: what applying it will change, and what it will never touch. */
export function describeDrill(kind: DrillKind, t: DrillTarget, reportPath?: string): string[] {
  const untouched = "Main tables are not deleted or truncated; no other partition changes.";
  switch (kind) {
    case "move_report_aside":
      return [`Renames ${reportPath} to ${reportPath}.aside-<drill id>.`, `The partition report of ${t.partitionKey} shows missing (gap missing_partition_report) until it is put back or rebuilt.`, untouched, "Revert puts the file back."];
    case "load_broken_manifest":
      return ["Writes a copy of week06-broken-manifest-003 (no source, no partition_window, no sha256/record_count) under a new manifest id and loads it.", "It is rejected with each missing field named and recorded on /manifests; no record lands.", untouched, "Revert closes the drill; the rejection stays in the record, as it should."];
    case "fail_check":
      return [`Flags check ${t.checkName} of ${assetLabel(t.assetKey ?? "")} for ${t.partitionKey} to fail, then rebuilds that partition (its rows do not change).`, `The check fails, so ${assetLabel(t.assetKey ?? "")} of ${t.partitionKey} is quarantined (gap check_failed).`, untouched, "Revert removes the flag and rebuilds the partition so the checks pass again (pending review)."];
    case "inject_transient_fault":
      return [`Arms a fault: the next run that builds ${assetLabel(t.assetKey ?? "")} of ${t.partitionKey} fails at that step with "SQLITE_BUSY: database is locked".`, "Nothing changes until that run; the run fails (gap failed_run) and retry applies.", untouched, "Revert disarms the fault if no run has met it yet."];
    case "corrupt_priorities":
      return [`Rewrites silver of ${t.partitionKey} with every priority nulled, after snapshotting the current rows.`, `priority_valid fails, so silver of ${t.partitionKey} is quarantined (gap check_failed); restore applies.`, "Only that partition's silver rows change; main tables are not deleted or truncated.", "Revert restores the snapshot taken before the bad write."];
  }
}
