// Why a run or one of its steps failed or stopped, as the store records it: the English prose (`error`, what the
// evidence, the API and scripts read) and the same as a catalog message (`errorText`, what pages render in each
// reader's language). A system's own error message is quoted, never translated.
import { LocalizedError, quote, render, type TextValue } from "@/lib/i18n/text";

export function errorColumns(error: TextValue | null): { error: string | null; errorText: string | null } {
  return error === null
    ? { error: null, errorText: null }
    : { error: render(error, "en"), errorText: JSON.stringify(error) };
}

/** What a step threw, as a message: ours when it is one of ours, else the system's words, quoted. */
export function thrownText(e: unknown): TextValue {
  if (e instanceof LocalizedError) return e.text;
  return quote(e instanceof Error ? e.message : String(e));
}
