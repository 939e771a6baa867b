// POST /api/evidence/<run id>/review — { decision: "approved" | "rejected", reason } as a reviewer.
import { NextResponse } from "next/server";
import { reviewRequestSchema } from "@/contracts/review";
import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { reviewEvidence } from "@/lib/pipeline/review";

export async function POST(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  const evidence = /^\d+$/.test(runId) ? await db.evidence.findUnique({ where: { runId: Number(runId) }, select: { id: true } }) : null;
  const parsed = reviewRequestSchema.safeParse({ ...body, runId, evidenceId: evidence?.id ?? 0 });
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: evidence ? 400 : 404 });
  const auth = await authorize("review", `evidence ${parsed.data.evidenceId}`);
  if (!auth.ok) return NextResponse.json({ error: auth.message }, { status: auth.message === "sign in first" ? 401 : 403 });
  const result = await reviewEvidence({ ...parsed.data, reviewer: auth.user.email });
  if (!result.ok) return NextResponse.json({ error: result.message }, { status: 409 });
  return NextResponse.json({ run_id: parsed.data.runId, decision: result.decision });
}
