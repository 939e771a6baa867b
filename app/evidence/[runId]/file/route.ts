// GET /evidence/<run id>/file — the run's evidence document, as a download (any reader).
import { z } from "zod";
import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";

const paramsSchema = z.object({ runId: z.coerce.number().int().positive("not a run id") });

export async function GET(_request: Request, { params }: { params: Promise<{ runId: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]!.message }, { status: 400 });
  const auth = await authorize("read", `evidence of run ${parsed.data.runId}`);
  if (!auth.ok) return Response.json({ error: auth.message }, { status: auth.message === "sign in first" ? 401 : 403 });
  const evidence = await db.evidence.findUnique({ where: { runId: parsed.data.runId }, select: { document: true } });
  if (!evidence) return Response.json({ error: `run ${parsed.data.runId} has no evidence` }, { status: 404 });
  return new Response(evidence.document, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="run_evidence_${parsed.data.runId}.json"` },
  });
}
