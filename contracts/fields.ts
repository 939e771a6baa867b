import { z } from "zod";

/** The longest free text any request field takes: partition keys, modes, ids and names are far shorter. */
export const MAX_FIELD_CHARS = 200;

/** A free-text field a form may leave empty ("" means "not given"), trimmed and bounded. */
export function optionalText(max = MAX_FIELD_CHARS) {
  return z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().max(max, `is longer than ${max} characters`).optional());
}

/** A stored object's id as a path or form sends it: a positive integer SQLite can hold. */
export function storeId(what: string) {
  return z.coerce.number({ message: `not ${what}` }).int(`not ${what}`).positive(`not ${what}`).max(2 ** 31 - 1, `not ${what}`);
}
