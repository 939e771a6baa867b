// What became of an audited request: done, refused (the caller may not, or the input was wrong), or failed. Pure.
export const AUDIT_OUTCOMES = ["ok", "refused", "failed"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
