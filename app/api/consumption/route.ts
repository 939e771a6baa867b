// GET /api/consumption?consumer=week07&from=YYYY-MM-DD&to=YYYY-MM-DD — the gate for every partition of a range
// (at most 366 days), or GET /api/consumption?consumer=week07&since=<cursor> — what became consumable after the
// cursor (0 the first time; pass next_since back), so a consumer need not poll partition by partition. A consumer's
// own bearer token (which says who asks), or a signed-in reader.
import { z } from "zod";
import { askingConsumer, consumptionQuery } from "@/contracts/consumption_query";
import { config } from "@/lib/config";
import { checkRange, partitionRange } from "@/lib/domain/partition";
import { refusal } from "@/lib/domain/refusal";
import { findings, route } from "@/lib/http/boundary";
import { consumptionOf, releasedSince } from "@/lib/read-model/consumption";

export const dynamic = "force-dynamic";

const MAX_RANGE_DAYS = 366;

export const GET = route(
  { permission: "read", target: () => "consumption", params: z.object({}), body: z.object({}), consumers: true },
  async ({ request, locale, consumer: ofToken }) => {
    const input = Object.fromEntries(new URL(request.url).searchParams);
    const query = consumptionQuery.safeParse(input);
    if (!query.success)
      return { ok: false, code: "invalid", message: await findings(consumptionQuery, input, null, locale) };
    const q = query.data;
    const consumer = askingConsumer(ofToken, q.consumer);
    if (typeof consumer !== "string") return consumer;
    if (q.since !== undefined) return Response.json(await releasedSince(q.since, consumer));
    const range = checkRange(config().partitions, q.from!, q.to!);
    if (!range.ok) return refusal("invalid", range.text);
    const days = partitionRange(range.from, range.to).length;
    if (days > MAX_RANGE_DAYS)
      return refusal("invalid", "partition.rangeTooLong", {
        from: range.from,
        to: range.to,
        days,
        max: MAX_RANGE_DAYS,
      });
    const partitions = await consumptionOf(range.from, range.to, consumer);
    return Response.json({
      consumer,
      from: range.from,
      to: range.to,
      consumable: partitions.filter((p) => p.consumable).length,
      partitions,
    });
  },
);
