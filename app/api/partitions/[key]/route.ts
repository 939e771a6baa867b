// GET /api/partitions/<key> — one partition, per asset: status and counts. A reader, or a downstream consumer's token.
import { z } from "zod";
import { config } from "@/lib/config";
import { checkRange, partitionKeyProblemText } from "@/lib/domain/partition";
import { refusal } from "@/lib/domain/refusal";
import { route } from "@/lib/http/boundary";
import { partitionedAssets, partitionStatuses } from "@/lib/read-model/partitions";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    permission: "read",
    target: (p) => `/api/partitions/${p.key}`,
    params: z.object({ key: z.string().max(32, "contract.notAPartitionKey") }),
    body: z.unknown(),
    consumers: true,
  },
  async ({ params }) => {
    const problem = partitionKeyProblemText(params.key);
    if (problem) return refusal("invalid", problem);
    const range = checkRange(config().partitions, params.key, params.key);
    if (!range.ok) return refusal("invalid", range.text);
    const assets = await partitionStatuses(
      range.from,
      range.to,
      undefined,
      (await partitionedAssets()).map((a) => a.key),
    );
    return Response.json({ partition_key: range.from, assets });
  },
);
