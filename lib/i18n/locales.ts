// The product's two languages, and how a request's language is chosen. Pure: no I/O.
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** The course's language: what a reader gets when nothing else says which language they read. */
export const COURSE_LOCALE: Locale = "zh-CN";

/** A language tag (`zh`, `zh-Hans-CN`, `en-GB`, a POSIX `zh_CN.UTF-8`) as one of ours, or null. */
export function toLocale(tag: string | null | undefined): Locale | null {
  const primary = (tag ?? "")
    .trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  if (primary === "zh") return "zh-CN";
  if (primary === "en") return "en";
  return null;
}

/** The first language of an `Accept-Language` header (by quality, then order) that we have, or null. */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  const ranked = (header ?? "")
    .slice(0, 500)
    .split(",")
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag ?? "", q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const r of ranked) {
    const locale = toLocale(r.tag);
    if (locale) return locale;
  }
  return null;
}

/** The reader's own choice (stored with the user), else what the browser asks for, else the configured default. */
export function chooseLocale(choice: {
  stored?: string | null;
  acceptLanguage?: string | null;
  fallback: Locale;
}): Locale {
  return toLocale(choice.stored) ?? fromAcceptLanguage(choice.acceptLanguage) ?? choice.fallback;
}
