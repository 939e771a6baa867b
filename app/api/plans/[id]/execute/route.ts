// POST /api/plans/<id>/execute — execute exactly a stored plan (refused when drifted) as a backfill whose runs
// the workers execute; answers at once with the backfill to follow (GET /api/backfills/<id>).
import { NextResponse } from "next/server";
import { z } from "zod";
import { authorize } from "@/lib/auth/session";
import { executePlan } from "@/lib/engine/execute-plan";

const paramsSchema = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "not a plan id") });

const bodySchema = z.object({ confirm_withdraw: z.boolean().optional() });

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const body = bodySchema.safeParse(await request.json().catch(() => ({})));
  if (!body.success) return NextResponse.json({ error: `confirm_withdraw: ${body.error.issues[0]!.message}` }, { status: 400 });
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues[0]!.message }, { status: 400 });
  const auth = await authorize("execute", `plan ${parsed.data.id}`);
  if (!auth.ok) return NextResponse.json({ error: auth.message }, { status: auth.message === "sign in first" ? 401 : 403 });
  const result = await executePlan(parsed.data.id, auth.user.email, { confirmWithdraw: body.data.confirm_withdraw === true });
  if (!result.ok) return NextResponse.json({ error: result.message, drifted: result.drifted ?? false }, { status: 409 });
  return NextResponse.json({ plan_id: result.planId, backfill_id: result.backfillId, run_ids: result.runIds }, { status: 202 });
}
