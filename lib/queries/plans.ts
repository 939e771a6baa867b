// Stored plans, for the plans list and the plan page.
import fs from "node:fs";
import path from "node:path";
import { backfillPlanSchema, type BackfillPlan } from "@/contracts/backfill_plan";
import { db } from "@/lib/db";

export interface PlanListRow {
  id: string;
  kind: string;
  recoveryAction: string;
  partitionKey: string;
  toKey: string;
  status: string;
  operator: string;
  expectedCount: number;
  currentCount: number;
  createdAt: string;
}

export async function listPlans(): Promise<PlanListRow[]> {
  const rows = await db.plan.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, kind: true, recoveryAction: true, partitionKey: true, toKey: true, status: true, operator: true, expectedCount: true, currentCount: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function getPlan(id: string): Promise<{ plan: BackfillPlan; status: string; fileMatches: boolean | null; document: string } | null> {
  const row = await db.plan.findUnique({ where: { id } });
  if (!row) return null;
  const plan = backfillPlanSchema.parse(JSON.parse(row.document));
  const file = path.resolve(plan.report_path);
  // The file is rewritten by a later plan of the same partition; say whether it still holds this one.
  const fileMatches = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as BackfillPlan).plan_hash === plan.plan_hash : null;
  return { plan, status: row.status, fileMatches, document: row.document };
}
