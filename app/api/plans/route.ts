// POST /api/plans — make a dry-run plan (JSON body: partition | from+to, reprocess, action, manifest, snapshot, mode).
// The same validation, authorization and lib code as the "Plan" buttons and the CLI.
import { NextResponse } from "next/server";
import { planRequestSchema } from "@/contracts/backfill_plan";
import { authorize } from "@/lib/auth/session";
import { createPlan } from "@/lib/pipeline/plans";

export async function POST(request: Request) {
  const body = planRequestSchema.safeParse(await request.json().catch(() => ({})));
  if (!body.success) return NextResponse.json({ error: body.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ") }, { status: 400 });
  const auth = await authorize("plan", body.data.partition ?? `${body.data.from ?? "?"}..${body.data.to ?? "?"}`);
  if (!auth.ok) return NextResponse.json({ error: auth.message }, { status: auth.message === "sign in first" ? 401 : 403 });
  const result = await createPlan(body.data, auth.user.email);
  if (!result.ok) return NextResponse.json({ error: result.message }, { status: 422 });
  return NextResponse.json(result.plan, { status: 201 });
}
