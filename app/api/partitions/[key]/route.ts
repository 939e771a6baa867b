// GET /api/partitions/<key> — one partition, per asset: status and counts.
import { NextResponse } from "next/server";
import { authorizeRequest } from "@/lib/auth/api";
import { config } from "@/lib/config";
import { checkRange } from "@/lib/domain/partition";
import { partitionedAssets, partitionStatuses } from "@/lib/queries/partitions";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const auth = await authorizeRequest(request, "read", `/api/partitions/${key}`);
  if (!auth.ok) return NextResponse.json({ error: auth.message }, { status: 401 });
  const range = checkRange(config().partitions, key, key);
  if (!range.ok) return NextResponse.json({ error: range.message.replace(/^from: /, "") }, { status: 400 });
  const assets = await partitionStatuses(range.from, range.to, undefined, (await partitionedAssets()).map((a) => a.key));
  return NextResponse.json({ partition_key: range.from, assets });
}
