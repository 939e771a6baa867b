// The audit trail, newest first. The page filters these in the browser; the newest 2,000 are enough to
// investigate recent activity without paging through the whole history.
import { db } from "@/lib/db";

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  detail: string;
}

export const AUDIT_PAGE_LIMIT = 2000;

export async function auditRows(): Promise<AuditRow[]> {
  const rows = await db.auditEvent.findMany({ orderBy: { id: "desc" }, take: AUDIT_PAGE_LIMIT });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
