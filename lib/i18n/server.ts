// The reader's language on the server (pages, server actions, route handlers): next-intl resolves it once per
// request (lib/i18n/request.ts).
import { getLocale } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { z } from "zod";
import { render, type Text } from "@/lib/i18n/text";
import { renderIssue, safeParseIn } from "@/lib/i18n/zod";

export async function readerLocale(): Promise<Locale> {
  return (await getLocale()) as Locale;
}

/** A catalog message (or plain text) in the reader's language. */
export async function say(message: Text | string): Promise<string> {
  return render(message, await readerLocale());
}

/** What a lib call answered (a refusal or a success with its message), for a server action's reader. */
export async function sayOutcome(outcome: { message: string; text?: Text }): Promise<string> {
  return outcome.text ? say(outcome.text) : outcome.message;
}

/**
 * A server action's input, validated in the reader's language: the data, or every problem in one sentence (and each
 * field's first problem, for forms that show it beside the field).
 */
export async function parseForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; message: string; fields: Record<string, string> }> {
  const locale = await readerLocale();
  const parsed = safeParseIn(schema, input, locale);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "")] ??= renderIssue(issue, locale);
  return { ok: false, message: parsed.error.issues.map((i) => renderIssue(i, locale)).join("; "), fields };
}
