// GET /api/consumption/<partition_key>?consumer=week07 — may a downstream job read this partition? A consumer's own
// bearer token (which says who asks) or a signed-in reader; consumable is true only for released partitions.
import { z } from "zod";
import { askingConsumer, partitionConsumptionQuery } from "@/contracts/consumption_query";
import { config } from "@/lib/config";
import { checkRange, partitionKeyProblemText } from "@/lib/domain/partition";
import { refusal } from "@/lib/domain/refusal";
import { findings, route } from "@/lib/http/boundary";
import { consumption } from "@/lib/read-model/consumption";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    permission: "read",
    target: (p) => `/api/consumption/${p.key}`,
    params: z.object({ key: z.string().max(32, "contract.notAPartitionKey") }),
    body: z.object({}),
    consumers: true,
  },
  async ({ params, request, locale, consumer: ofToken }) => {
    const input = Object.fromEntries(new URL(request.url).searchParams);
    const query = partitionConsumptionQuery.safeParse(input);
    if (!query.success)
      return { ok: false, code: "invalid", message: await findings(partitionConsumptionQuery, input, null, locale) };
    const consumer = askingConsumer(ofToken, query.data.consumer);
    if (typeof consumer !== "string") return consumer;
    const problem = partitionKeyProblemText(params.key);
    if (problem) return refusal("invalid", problem);
    const range = checkRange(config().partitions, params.key, params.key);
    if (!range.ok) return refusal("invalid", range.text);
    return Response.json(await consumption(range.from, consumer));
  },
);
