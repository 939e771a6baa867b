// POST /api/evidence/<run id>/review — { decision: "approved" | "rejected", reason } as a reviewer. Authorized
// before the evidence is looked up, so a refused caller learns nothing about which runs exist.
import { z } from "zod";
import { storeId } from "@/contracts/fields";
import { db } from "@/lib/db";
import { refusal } from "@/lib/domain/refusal";
import { route } from "@/lib/http/boundary";
import { reviewEvidence } from "@/lib/pipeline/review";

export const POST = route(
  {
    permission: "review",
    target: (p) => `run ${p.runId}`,
    params: z.object({ runId: storeId("contract.notRunId") }),
    body: z
      .object({
        decision: z.enum(["approved", "rejected"], { message: "decision must be approved or rejected" }),
        reason: z.string().trim().max(1000, "keep the reason under 1,000 characters").optional(),
      })
      .strict(),
  },
  async ({ user, params, body }) => {
    const evidence = await db.evidence.findUnique({ where: { runId: params.runId }, select: { id: true } });
    if (!evidence) return refusal("not_found", "review.noEvidence", { runId: params.runId });
    const result = await reviewEvidence({
      evidenceId: evidence.id,
      reviewer: user.email,
      decision: body.decision,
      reason: body.reason,
    });
    return result.ok ? Response.json({ run_id: params.runId, decision: result.decision }) : result;
  },
);
