// GET /evidence/<run id>/file — the run's evidence document, as a download (any reader).
import { z } from "zod";
import { storeId } from "@/contracts/fields";
import { db } from "@/lib/db";
import { refusal } from "@/lib/domain/refusal";
import { route } from "@/lib/http/boundary";

export const GET = route(
  {
    permission: "read",
    target: (p) => `evidence of run ${p.runId}`,
    params: z.object({ runId: storeId("contract.notRunId") }),
    body: z.unknown(),
  },
  async ({ params }) => {
    const evidence = await db.evidence.findUnique({ where: { runId: params.runId }, select: { document: true } });
    if (!evidence) return refusal("not_found", "review.noEvidence", { runId: params.runId });
    return new Response(evidence.document, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="run_evidence_${params.runId}.json"`,
      },
    });
  },
);
