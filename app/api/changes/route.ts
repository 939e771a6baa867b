// GET /api/changes — a token that changes whenever what the pages show changes; open pages poll it and refresh.
import { NextResponse } from "next/server";
import { authorize } from "@/lib/auth/session";
import { changeToken } from "@/lib/views/changes";

export async function GET() {
  const auth = await authorize("read", "/api/changes");
  if (!auth.ok) return NextResponse.json({ error: auth.message }, { status: auth.message === "sign in first" ? 401 : 403 });
  return NextResponse.json({ token: await changeToken() }, { headers: { "cache-control": "no-store" } });
}
