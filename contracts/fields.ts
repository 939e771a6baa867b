// Schema messages are catalog keys (lib/i18n/messages): each reader gets them in their language (lib/i18n/zod.ts).
import { z } from "zod";
import type { MessageKey } from "@/lib/i18n/text";

/** The longest free text any request field takes: partition keys, modes, ids and names are far shorter. */
export const MAX_FIELD_CHARS = 200;

/** A free-text field a form may leave empty ("" means "not given"), trimmed and bounded. */
export function optionalText(max = MAX_FIELD_CHARS) {
  return z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.string().trim().max(max, "contract.tooLong").optional(),
  );
}

/** A stored object's id as a path or form sends it: a positive integer SQLite can hold. */
export function storeId(notOne: MessageKey) {
  return z.coerce
    .number({ message: notOne })
    .int(notOne)
    .positive(notOne)
    .max(2 ** 31 - 1, notOne);
}
