// GET /api/consumption/<partition_key>?consumer=week07 — may a downstream job read this partition?
// Bearer token (CONSUMER_API_TOKEN) only; consumable is true only for released partitions.
import { NextResponse } from "next/server";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { bearerTokenValid } from "@/lib/auth/api";
import { config } from "@/lib/config";
import { DOWNSTREAM_CONSUMERS } from "@/lib/domain/assets";
import { checkRange } from "@/lib/domain/partition";
import { consumption } from "@/lib/read-model/consumption";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  consumer: z.enum(DOWNSTREAM_CONSUMERS, { message: `consumer must be one of ${DOWNSTREAM_CONSUMERS.join(", ")}` }),
});

export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  if (!bearerTokenValid(request)) {
    await audit({
      actor: "anonymous",
      action: "consumption.read",
      target: key.slice(0, 32),
      outcome: "refused",
      detail: { reason: "missing or wrong bearer token" },
    });
    return NextResponse.json(
      { error: "a valid bearer token (CONSUMER_API_TOKEN) is required", code: "unauthenticated" },
      { status: 401, headers: { "www-authenticate": "Bearer" } },
    );
  }
  const query = querySchema.safeParse({ consumer: new URL(request.url).searchParams.get("consumer") ?? undefined });
  if (!query.success)
    return NextResponse.json({ error: query.error.issues[0]!.message, code: "invalid" }, { status: 400 });
  const range = checkRange(config().partitions, key.slice(0, 32), key.slice(0, 32));
  if (!range.ok)
    return NextResponse.json({ error: range.message.replace(/^from: /, ""), code: "invalid" }, { status: 400 });
  return NextResponse.json(await consumption(range.from, query.data.consumer));
}
