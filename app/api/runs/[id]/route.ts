// POST /api/runs/<id> — { control: "cancel" } or { control: "release", reason } as an operator.
import { NextResponse } from "next/server";
import { runControlSchema } from "@/contracts/engine";
import { authorize } from "@/lib/auth/session";
import { controlRun } from "@/lib/engine/control";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  const parsed = runControlSchema.safeParse({ ...body, runId: (await params).id });
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const auth = await authorize("execute", `run ${parsed.data.runId}`);
  if (!auth.ok) return NextResponse.json({ error: auth.message }, { status: auth.message === "sign in first" ? 401 : 403 });
  const result = await controlRun(parsed.data.runId, parsed.data.control, auth.user.email, parsed.data.reason);
  if (!result.ok) return NextResponse.json({ error: result.message }, { status: /does not exist/.test(result.message) ? 404 : 409 });
  return NextResponse.json({ run_id: parsed.data.runId, control: parsed.data.control, message: result.message });
}
