// The JSON Schemas published in contracts/, each generated from its zod schema (the single source).
// `npm run contracts` rewrites them; contracts/json-schemas.test.ts fails when a file drifts.
import path from "node:path";
import { z } from "zod";
import { backfillPlanSchema } from "@/contracts/backfill_plan";
import { runEvidenceSchema } from "@/contracts/run_evidence";

export const PUBLISHED_SCHEMAS: { file: string; title: string; schema: z.ZodType }[] = [
  { file: "run_evidence/week06_run_evidence.schema.json", title: "Week06 run evidence", schema: runEvidenceSchema },
  { file: "backfill_plan/week06_backfill_plan.schema.json", title: "Week06 backfill plan", schema: backfillPlanSchema },
];

export function renderJsonSchema(entry: (typeof PUBLISHED_SCHEMAS)[number]): string {
  const json = { title: entry.title, ...z.toJSONSchema(entry.schema, { target: "draft-2020-12" }) };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export const CONTRACTS_DIR = path.resolve(import.meta.dirname);
