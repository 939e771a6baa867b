// POST /api/runs/<id> — { control: "cancel" } or { control: "release", reason } as an operator.
import { z } from "zod";
import { storeId } from "@/contracts/fields";
import { RUN_CONTROLS } from "@/contracts/engine";
import { controlRun } from "@/lib/engine/control";
import { route } from "@/lib/http/boundary";

export const POST = route(
  {
    permission: "execute",
    target: (p) => `run ${p.id}`,
    params: z.object({ id: storeId("contract.notRunId") }),
    body: z
      .object({
        control: z.enum(RUN_CONTROLS, { message: `control must be ${RUN_CONTROLS.join(" or ")}` }),
        reason: z.string().trim().max(500, "keep the reason under 500 characters").optional(),
      })
      .strict()
      .refine((r) => r.control !== "release" || (r.reason ?? "").length > 0, {
        path: ["reason"],
        message: "say why you release the run (it is audited)",
      }),
  },
  async ({ user, params, body }) => {
    const result = await controlRun(params.id, body.control, user.email, body.reason);
    return result.ok ? Response.json({ run_id: params.id, control: body.control, message: result.message }) : result;
  },
);
