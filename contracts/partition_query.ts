// Query parameters of the partition read API and the calendar: a from/to window inside the partitions
// definition, both optional (the whole definition by default).
import { z } from "zod";
import { checkRange, type PartitionKey, type PartitionsDefinition } from "@/lib/domain/partition";
import { told, type Text } from "@/lib/i18n/text";

export const rangeQuerySchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
});

export type RangeQuery =
  { ok: true; from: PartitionKey; to: PartitionKey } | { ok: false; message: string; text: Text };

export function parseRangeQuery(
  def: PartitionsDefinition,
  input: Record<string, string | string[] | undefined>,
  fallback: { from: string; to: string } = { from: def.start, to: def.end },
): RangeQuery {
  const parsed = rangeQuerySchema.safeParse({
    from: Array.isArray(input.from) ? input.from[0] : input.from,
    to: Array.isArray(input.to) ? input.to[0] : input.to,
  });
  if (!parsed.success) return { ok: false, ...told("partition.rangeNotDates") };
  return checkRange(def, parsed.data.from || fallback.from, parsed.data.to || fallback.to);
}
