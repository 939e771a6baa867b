// POST /api/plans/<id>/execute — execute exactly a stored plan (refused when drifted) as a backfill whose runs the
// workers execute; answers at once with the backfill to follow (GET /api/backfills/<id>). A plan that rewrites
// released partitions needs { "confirm_withdraw": true }.
import { z } from "zod";
import { executePlan } from "@/lib/engine/execute-plan";
import { route } from "@/lib/http/boundary";

export const POST = route(
  {
    permission: "execute",
    target: (p) => `plan ${p.id}`,
    params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "not a plan id") }),
    body: z.object({ confirm_withdraw: z.boolean().optional() }).strict(),
  },
  async ({ user, params, body }) => {
    const result = await executePlan(params.id, user.email, {
      confirmWithdraw: body.confirm_withdraw === true,
      origin: "api",
    });
    if (!result.ok) return { ...result, extra: { drifted: result.drifted } };
    return Response.json(
      { plan_id: result.planId, backfill_id: result.backfillId, run_ids: result.runIds },
      { status: 202 },
    );
  },
);
