// GET /api/backfills/<id> — a backfill's live progress (status, counts, per-partition runs), for its page and scripts.
// POST /api/backfills/<id> — { control: "pause" | "resume" | "cancel" | "reexecute" } as an operator.
import { NextResponse } from "next/server";
import { z } from "zod";
import { backfillControlSchema } from "@/contracts/engine";
import { authorize } from "@/lib/auth/session";
import { backfillProgress } from "@/lib/engine/backfill";
import { controlBackfill } from "@/lib/engine/control";

const idSchema = z.object({ id: z.coerce.number().int().positive("not a backfill id") });

function status(message: string): number {
  return message === "sign in first" ? 401 : 403;
}

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = idSchema.safeParse(await params);
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues[0]!.message }, { status: 400 });
  const auth = await authorize("read", `backfill ${parsed.data.id}`);
  if (!auth.ok) return NextResponse.json({ error: auth.message }, { status: status(auth.message) });
  const progress = await backfillProgress(parsed.data.id);
  if (!progress) return NextResponse.json({ error: `backfill ${parsed.data.id} does not exist` }, { status: 404 });
  return NextResponse.json(progress, { headers: { "cache-control": "no-store" } });
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  const parsed = backfillControlSchema.safeParse({ ...body, backfillId: (await params).id });
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const auth = await authorize("execute", `backfill ${parsed.data.backfillId}`);
  if (!auth.ok) return NextResponse.json({ error: auth.message }, { status: status(auth.message) });
  const result = await controlBackfill(parsed.data.backfillId, parsed.data.control, auth.user.email);
  if (!result.ok) return NextResponse.json({ error: result.message }, { status: /does not exist/.test(result.message) ? 404 : 409 });
  return NextResponse.json({ backfill_id: parsed.data.backfillId, control: parsed.data.control, message: result.message, ...(result.planId ? { plan_id: result.planId } : {}) });
}
