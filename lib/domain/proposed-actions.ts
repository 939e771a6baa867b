// The plan's proposed_action: a token, as in the lesson's dry-run report (`dry_run_ticket_ingest_for_partition`),
// so scripts and dashboards match on it; the prose is the plan's `summary`. A dry-run plan's token starts with
// `dry_run_`; the same plan made to execute at once drops the prefix.

/** What a plan proposes, by recovery action and by what it rebuilds. */
export const ACTION_TOKENS = {
  /** backfill of a partition never built: raw → silver → report from the manifests (the lesson's example). */
  ticket_ingest_for_partition: "backfill a never-built partition: ingest its tickets, then silver, then its report",
  /** backfill of a partition whose raw is there but silver is missing. */
  silver_rebuild_for_partition: "backfill the missing silver (and report) of a partition from the raw it holds",
  /** backfill of a partition whose report file alone is missing. */
  report_rebuild_for_partition: "backfill the missing partition report from the silver it holds",
  /** backfill of an explicit window, one run per included partition. */
  ticket_ingest_for_window: "backfill the selected partitions of a window, one run each",
  retry_failed_run_for_partition: "retry a run that failed with a transient error: same run definition, same input",
  rerun_for_partition: "rerun a built partition with the same job definition; the checks run again",
  manifest_replay_for_partition: "replay one manifest's input into a partition, merged on the guard",
  snapshot_restore_for_partition: "restore a partition's untrusted asset from a snapshot taken before the bad write",
} as const;

export type ActionToken = keyof typeof ACTION_TOKENS;
export const PROPOSED_ACTIONS = [
  ...Object.keys(ACTION_TOKENS).map((t) => `dry_run_${t}`),
  ...Object.keys(ACTION_TOKENS),
] as [string, ...string[]];

export function proposedAction(token: ActionToken, mode: "dry-run" | "execute"): string {
  return mode === "dry-run" ? `dry_run_${token}` : token;
}
