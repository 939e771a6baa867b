// A message the store or the domain produces (a refusal, a check's finding, a health problem) as a catalog key and
// its values, so each reader gets it in their language: the web server in the request's, the CLI in its own. Its
// English rendering is kept beside it for logs, the audit and scripts that read `message`.
import { createTranslator } from "use-intl/core";
import en from "@/lib/i18n/messages/en.json";
import zhCN from "@/lib/i18n/messages/zh-CN.json";
import type { Locale } from "@/lib/i18n/locales";

export const CATALOGS = { en, "zh-CN": zhCN } as const satisfies Record<Locale, unknown>;

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every message of the catalog, as `namespace.key`. */
export type MessageKey = Leaves<typeof en>;

export type TextValue = string | number | Text;

export interface Text {
  key: MessageKey;
  values?: Record<string, TextValue>;
}

export function text(key: MessageKey, values?: Record<string, TextValue>): Text {
  return values ? { key, values } : { key };
}

/** Whether `s` names a message of the catalog (zod messages in contracts/ are keys). */
export function isMessageKey(s: string): s is MessageKey {
  let node: unknown = CATALOGS.en;
  for (const part of s.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

export function isText(value: unknown): value is Text {
  return typeof value === "object" && value !== null && typeof (value as Text).key === "string";
}

type Translate = (key: string, values: Record<string, string | number>) => string;
const translators = new Map<Locale, Translate>();

function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    // A message that does not parse or lacks a value is a defect: fail loudly (lib/i18n/catalogs.test.ts renders all).
    t = createTranslator({
      locale,
      messages: CATALOGS[locale],
      timeZone: "UTC",
      onError: (e) => {
        throw e;
      },
    }) as unknown as Translate;
    translators.set(locale, t);
  }
  return t;
}

/** A message in `locale`; its values that are messages themselves are rendered first. Plain strings pass through. */
export function render(message: TextValue, locale: Locale): string {
  if (typeof message !== "object") return String(message);
  const values = Object.fromEntries(
    Object.entries(message.values ?? {}).map(([k, v]) => [k, isText(v) ? render(v, locale) : v]),
  );
  return translator(locale)(message.key, values);
}

/**
 * A message (a key and its values, or one already made) with its English rendering beside it: what a refusal or an
 * action answers (`message` for logs and the audit, `text` for readers).
 */
export function told(message: MessageKey | Text, values?: Record<string, TextValue>): { message: string; text: Text } {
  const t = typeof message === "string" ? text(message, values) : message;
  return { message: render(t, "en"), text: t };
}

/** An error whose message is a catalog message: `.message` is English; `.text` renders in the reader's language. */
export class LocalizedError extends Error {
  constructor(readonly text: Text) {
    super(render(text, "en"));
  }
}
