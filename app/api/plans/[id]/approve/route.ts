// POST /api/plans/<id>/approve — { reason } — the second person's approval of a plan that rewrites released
// partitions (policy blast_radius). The planner is refused; a drifted plan is refused and marked drifted.
import { z } from "zod";
import { planApprovalRequestSchema } from "@/contracts/review";
import { route } from "@/lib/http/boundary";
import { approvePlan } from "@/lib/pipeline/plan-approval";

export const POST = route(
  {
    permission: "approve_plan",
    target: (p) => `plan ${p.id}`,
    params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "not a plan id") }),
    body: planApprovalRequestSchema,
  },
  async ({ user, params, body }) => {
    const result = await approvePlan(params.id, user.email, body.reason);
    return result.ok ? Response.json({ plan_id: params.id, approved_by: user.email, message: result.message }) : result;
  },
);
