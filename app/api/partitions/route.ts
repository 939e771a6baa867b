// GET /api/partitions?from=YYYY-MM-DD&to=YYYY-MM-DD — per (partition, asset): status and counts. A reader, or a
// downstream consumer's token.
import { z } from "zod";
import { parseRangeQuery } from "@/contracts/partition_query";
import { config } from "@/lib/config";
import { refusal } from "@/lib/domain/refusal";
import { route } from "@/lib/http/boundary";
import { partitionedAssets, partitionStatuses } from "@/lib/read-model/partitions";

export const dynamic = "force-dynamic";

export const GET = route(
  { permission: "read", target: () => "/api/partitions", params: z.object({}), body: z.unknown(), consumers: true },
  async ({ request }) => {
    const params = new URL(request.url).searchParams;
    const range = parseRangeQuery(config().partitions, {
      from: params.get("from")?.slice(0, 32) ?? undefined,
      to: params.get("to")?.slice(0, 32) ?? undefined,
    });
    if (!range.ok) return refusal("invalid", range.text);
    const partitions = await partitionStatuses(
      range.from,
      range.to,
      undefined,
      (await partitionedAssets()).map((a) => a.key),
    );
    return Response.json({ from: range.from, to: range.to, partitions });
  },
);
