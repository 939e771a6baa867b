// The five recovery actions' names, on their own so contracts can use them without the planner.
export const RECOVERY_ACTIONS = ["retry", "rerun", "replay", "backfill", "restore"] as const;
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];
