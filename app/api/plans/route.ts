// POST /api/plans — make a dry-run plan (JSON body: partition | from+to, reprocess, action, manifest, snapshot, mode,
// order, priority, only). The same validation, authorization and lib code as the "Plan" buttons and the CLI.
import { z } from "zod";
import { planRequestSchema } from "@/contracts/backfill_plan";
import { route } from "@/lib/http/boundary";
import { createPlan } from "@/lib/pipeline/plans";

export const POST = route(
  { permission: "plan", target: () => "plan", params: z.object({}), body: planRequestSchema },
  async ({ user, body }) => {
    const result = await createPlan(body, user.email);
    return result.ok ? Response.json(result.plan, { status: 201 }) : result;
  },
);
