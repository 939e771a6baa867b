// One stored plan, as the engine executes it and its page shows it (the list of plans is lib/views/plans.ts).
import fs from "node:fs";
import path from "node:path";
import type { BackfillPlan } from "@/lib/domain/plan-document";
import { db } from "@/lib/db";
import { planDocument, planDocumentVersion, planTexts } from "@/lib/store-json";

export async function getPlan(id: string): Promise<{
  plan: BackfillPlan;
  /** The plan version it was made by: an earlier one did not record everything this one does. */
  madeByVersion: number;
  /** The document's prose as messages, for pages; null on plans stored before they were kept. */
  texts: ReturnType<typeof planTexts>;
  status: string;
  fileMatches: boolean | null;
  document: string;
} | null> {
  const row = await db.plan.findUnique({ where: { id } });
  if (!row) return null;
  const plan = planDocument(row.document);
  const file = path.resolve(plan.report_path);
  // The file is rewritten by a later plan of the same partition; say whether it still holds this one.
  const fileMatches = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as BackfillPlan).plan_hash === plan.plan_hash
    : null;
  const madeByVersion = planDocumentVersion(row.document).plan_version;
  const texts = planTexts(row.texts);
  return { plan, madeByVersion, texts, status: row.status, fileMatches, document: row.document };
}
