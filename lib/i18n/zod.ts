// zod's findings in the reader's language. Our schemas name their messages as catalog keys (contracts/*); a
// message zod writes itself (a wrong type, an unknown key) comes from zod's own locale for that language.
import { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import { isMessageKey, render, text, type Text } from "@/lib/i18n/text";

const ZOD_ERRORS: Record<Locale, z.core.$ZodErrorMap | undefined> = {
  en: undefined,
  "zh-CN": z.locales.zhCN().localeError,
};

/** `schema.safeParse` with zod's own messages in `locale`. */
export function safeParseIn<S extends z.ZodType>(schema: S, input: unknown, locale: Locale) {
  const error = ZOD_ERRORS[locale];
  return error ? schema.safeParse(input, { error }) : schema.safeParse(input);
}

/** One finding: a catalog message (its values are the issue's own, such as `maximum`), else zod's text. */
export function issueText(issue: z.core.$ZodIssue): Text | string {
  if (!isMessageKey(issue.message)) return issue.message;
  const values = Object.fromEntries(
    Object.entries(issue).filter(
      (e): e is [string, string | number] =>
        typeof e[1] === "number" || (typeof e[1] === "string" && e[0] !== "message"),
    ),
  );
  return text(issue.message, values);
}

/** Every finding as `where: problem`, in `locale` (a finding about the whole input names `where`, or nothing). */
export function issuesIn(error: z.ZodError, where: string | null, locale: Locale): string {
  return error.issues
    .map((i) => {
      const at = i.path.length ? i.path.join(".") : where;
      return at === null
        ? renderIssue(i, locale)
        : render(text("http.issue", { where: at, problem: renderIssue(i, locale) }), locale);
    })
    .join("; ");
}

export function renderIssue(issue: z.core.$ZodIssue, locale: Locale): string {
  return render(issueText(issue), locale);
}
