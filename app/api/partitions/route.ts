// GET /api/partitions?from=YYYY-MM-DD&to=YYYY-MM-DD — per (partition, asset): status and counts.
import { NextResponse, type NextRequest } from "next/server";
import { parseRangeQuery } from "@/contracts/partition_query";
import { authorizeRequest } from "@/lib/auth/api";
import { config } from "@/lib/config";
import { partitionedAssets, partitionStatuses } from "@/lib/queries/partitions";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const auth = await authorizeRequest(request, "read", "/api/partitions");
  if (!auth.ok) return NextResponse.json({ error: auth.message }, { status: 401 });
  const params = request.nextUrl.searchParams;
  const range = parseRangeQuery(config().partitions, { from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
  if (!range.ok) return NextResponse.json({ error: range.message }, { status: 400 });
  const partitions = await partitionStatuses(range.from, range.to, undefined, (await partitionedAssets()).map((a) => a.key));
  return NextResponse.json({ from: range.from, to: range.to, partitions });
}
