// Where drills reach into a run, kept apart from the pipeline: a transient fault armed for a step, a check
// forced to fail, priorities nulled by a drill's own run, and a rebuilt report ending a move-aside drill.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { restated, type CheckOutcome } from "@/lib/domain/checks";
import { text } from "@/lib/i18n/text";
import type { PartitionKey } from "@/lib/domain/partition";
import { drillDetail } from "@/lib/store-json";

type Tx = Prisma.TransactionClient;

export interface FaultDetail {
  error: string;
  /** Step attempts the fault still fails; it is armed for as many as a run retries a step. */
  remaining: number;
}

/** Consumes one attempt of a transient fault armed for this (asset, partition), if any: its error message. */
export async function consumeInjectedFault(tx: Tx, assetKey: string, key: PartitionKey): Promise<string | null> {
  const drill = await tx.drill.findFirst({
    where: { kind: "inject_transient_fault", assetKey, partitionKey: key, status: "armed" },
    orderBy: { id: "asc" },
  });
  if (!drill) return null;
  const detail = drillDetail(drill.detail) as Partial<FaultDetail>;
  const remaining = (detail.remaining ?? 1) - 1;
  await tx.drill.update({
    where: { id: drill.id },
    data: {
      detail: JSON.stringify({ ...detail, remaining }),
      ...(remaining <= 0 ? { status: "consumed", consumedAt: new Date() } : {}),
    },
  });
  return detail.error ?? "SQLITE_BUSY: database is locked";
}

export interface CheckFlag {
  id: number;
  assetKey: string | null;
  checkName: string | null;
}

/** The fail_check drills in force for a partition (read once per run). */
export async function drilledChecks(key: PartitionKey): Promise<CheckFlag[]> {
  return db.drill.findMany({
    where: { kind: "fail_check", partitionKey: key, status: "applied" },
    select: { id: true, assetKey: true, checkName: true },
  });
}

/** A fail_check drill in force makes its named check fail for (asset, partition), whatever the data says. */
export function withDrilledChecks(checks: CheckOutcome[], assetKey: string, flags: CheckFlag[]): CheckOutcome[] {
  return checks.map((c) => {
    const flag = flags.find((f) => f.assetKey === assetKey && f.checkName === c.name);
    return flag
      ? restated(
          { ...c, passed: false },
          {
            observed: text("checkText.drilled.observed", { id: flag.id }),
            expected: c.texts.expected,
            message: text("checkText.drilled.message", { id: flag.id, check: c.name }),
          },
        )
      : c;
  });
}

/** Whether the run is the write of a corrupt_priorities drill. */
export async function corruptsPriorities(drillId: number | null): Promise<boolean> {
  if (drillId === null) return false;
  const drill = await db.drill.findUnique({ where: { id: drillId }, select: { kind: true } });
  return drill?.kind === "corrupt_priorities";
}

/** A rebuilt report ends any move-aside drill of this partition: there is nothing left to put back. */
export async function reportRebuilt(tx: Tx, key: PartitionKey): Promise<void> {
  await tx.drill.updateMany({
    where: { kind: "move_report_aside", partitionKey: key, status: "applied" },
    data: { status: "resolved", consumedAt: new Date() },
  });
}
