// Query parameters of the consumption API (`GET /api/consumption…`): which consumer asks, and a range or a cursor.
// A consumer's own token says who asks; a signed-in reader (who reads for any consumer) names one.
import { z } from "zod";
import { wholeNumber } from "@/contracts/fields";
import { DOWNSTREAM_CONSUMERS, type Consumer } from "@/lib/domain/assets";
import { refusal, type Refused } from "@/lib/domain/refusal";

const consumer = z.enum(DOWNSTREAM_CONSUMERS, { message: "contract.consumer" }).optional();

/** `?consumer=week07` on one partition. */
export const partitionConsumptionQuery = z.object({ consumer }).strict();

/** `?consumer=…&from=…&to=…` or `?consumer=…&since=<cursor>` (0 the first time, then next_since). */
export const consumptionQuery = z
  .object({
    consumer,
    from: z.string().max(32).optional(),
    to: z.string().max(32).optional(),
    since: wholeNumber({ notOne: "contract.sinceCursor", min: "contract.sinceMin" }, 0, 2 ** 31 - 1).optional(),
  })
  .strict()
  .refine((q) => (q.since === undefined) !== (q.from === undefined && q.to === undefined), {
    message: "contract.rangeOrSince",
  })
  .refine((q) => q.since !== undefined || (q.from !== undefined && q.to !== undefined), {
    message: "contract.rangeNeedsBoth",
  });

/**
 * Who asks: the consumer of the token (a `consumer=` naming another is refused, not obeyed), or the consumer a
 * signed-in reader names.
 */
export function askingConsumer(ofToken: Consumer | null, named: Consumer | undefined): Consumer | Refused {
  if (ofToken)
    return named === undefined || named === ofToken
      ? ofToken
      : refusal("forbidden", "auth.consumerIsToken", { consumer: ofToken, named });
  return named ?? refusal("invalid", "contract.consumerNeeded", { consumers: DOWNSTREAM_CONSUMERS.join(", ") });
}
