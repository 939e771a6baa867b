// POST /api/evidence/review — { run_ids, decision, reason } — one decision over many runs. Each run is judged
// exactly as alone (separation of duties, integrity, supersession, required checks) and audited on its own line;
// the answer lists what was reviewed and what was refused, with why.
import { z } from "zod";
import { bulkReviewRequestSchema } from "@/contracts/review";
import { route } from "@/lib/http/boundary";
import { reviewMany } from "@/lib/pipeline/review";

export const POST = route(
  {
    permission: "review",
    target: () => "evidence (bulk)",
    params: z.object({}),
    body: bulkReviewRequestSchema,
  },
  async ({ user, body }) => {
    const result = await reviewMany({
      runIds: body.run_ids,
      reviewer: user.email,
      decision: body.decision,
      reason: body.reason,
    });
    return Response.json({
      decision: result.decision,
      reviewed: result.reviewed.map((r) => ({ run_id: r.runId, partition_key: r.partitionKey })),
      refused: result.refused.map((r) => ({ run_id: r.runId, partition_key: r.partitionKey, why: r.message })),
    });
  },
);
