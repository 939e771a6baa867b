// GET /api/consumption?consumer=week07&from=YYYY-MM-DD&to=YYYY-MM-DD — the gate for every partition of a range
// (at most 366 days), or GET /api/consumption?consumer=week07&since=<cursor> — what became consumable after the
// cursor (0 the first time; pass next_since back), so a consumer need not poll partition by partition. The
// downstream bearer token (CONSUMER_API_TOKEN) or a signed-in reader.
import { z } from "zod";
import { config } from "@/lib/config";
import { DOWNSTREAM_CONSUMERS } from "@/lib/domain/assets";
import { checkRange, partitionRange } from "@/lib/domain/partition";
import { refusal } from "@/lib/domain/refusal";
import { findings, route } from "@/lib/http/boundary";
import { consumptionOf, releasedSince } from "@/lib/read-model/consumption";

export const dynamic = "force-dynamic";

const MAX_RANGE_DAYS = 366;

const querySchema = z
  .object({
    consumer: z.enum(DOWNSTREAM_CONSUMERS, { message: "contract.consumer" }),
    from: z.string().max(32).optional(),
    to: z.string().max(32).optional(),
    since: z.coerce
      .number({ message: "contract.sinceCursor" })
      .int("contract.sinceWhole")
      .min(0, "contract.sinceMin")
      .max(2 ** 31 - 1)
      .optional(),
  })
  .strict()
  .refine((q) => (q.since === undefined) !== (q.from === undefined && q.to === undefined), {
    message: "contract.rangeOrSince",
  })
  .refine((q) => q.since !== undefined || (q.from !== undefined && q.to !== undefined), {
    message: "contract.rangeNeedsBoth",
  });

export const GET = route(
  { permission: "read", target: () => "consumption", params: z.object({}), body: z.object({}) },
  async ({ request, locale }) => {
    const input = Object.fromEntries(new URL(request.url).searchParams);
    const query = querySchema.safeParse(input);
    if (!query.success)
      return { ok: false, code: "invalid", message: await findings(querySchema, input, null, locale) };
    const q = query.data;
    if (q.since !== undefined) return Response.json(await releasedSince(q.since, q.consumer));
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
    const partitions = await consumptionOf(range.from, range.to, q.consumer);
    return Response.json({
      consumer: q.consumer,
      from: range.from,
      to: range.to,
      consumable: partitions.filter((p) => p.consumable).length,
      partitions,
    });
  },
);
