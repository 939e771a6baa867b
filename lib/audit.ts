// The audit trail: who did what to which target, and whether it was allowed.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";

type Writer = Pick<Prisma.TransactionClient, "auditEvent">;

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  outcome: "ok" | "refused" | "failed";
  detail?: Record<string, unknown>;
}

export async function audit(entry: AuditEntry, writer: Writer = db): Promise<void> {
  await writer.auditEvent.create({
    data: { ...entry, detail: JSON.stringify(entry.detail ?? {}) },
  });
}
