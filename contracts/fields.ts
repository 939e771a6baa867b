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

/** The largest id SQLite's INTEGER primary keys (and our PostgreSQL twins) hold. */
const MAX_STORE_ID = 2 ** 31 - 1;
/** A whole number written the one way: decimal digits, no leading zero, a minus only before a non-zero number. */
const CANONICAL_WHOLE = /^(0|-?[1-9][0-9]{0,15})$/;

/**
 * A whole number as a path, a query string or a form writes it. Only the canonical spelling counts: `1e1`, `0x10`,
 * `010`, ` 10` and the empty string are not 10 (or 0), as `Number()` would have them — each would name an object
 * by another spelling. A number (from a JSON body) is taken as it is.
 */
function canonicalWhole(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return CANONICAL_WHOLE.test(value) ? Number(value) : Number.NaN;
}

/** A whole number of a request: canonical digits (above), at least `min`, at most `max`, each refusal its own key. */
export function wholeNumber(
  messages: { notOne: MessageKey; min?: MessageKey; max?: MessageKey },
  min: number,
  max: number,
) {
  return z.preprocess(
    canonicalWhole,
    z
      .number({ message: messages.notOne })
      .int(messages.notOne)
      .min(min, messages.min ?? messages.notOne)
      .max(max, messages.max ?? messages.notOne),
  );
}

/** A stored object's id as a path, a form or a JSON body sends it: a positive integer the store can hold. */
export function storeId(notOne: MessageKey) {
  return wholeNumber({ notOne }, 1, MAX_STORE_ID);
}

// Its message is never shown: a page answers 404 for what is not an id.
const anyStoreId = storeId("contract.notRunId");

/** An id in a page's path (`/runs/<id>`), by the same rule: the id, or null for anything that is not one. */
export function parseStoreId(raw: string): number | null {
  const id = anyStoreId.safeParse(raw);
  return id.success ? id.data : null;
}
