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

export type TextValue = string | number | Text | Quote;

/**
 * A value shown exactly as it was recorded, never translated: a system's own error message, a manifest's file path.
 * Pages set it apart (as code), so a reader sees which words are the system's and which are ours.
 */
export interface Quote {
  quote: string;
}

export function quote(recorded: string): Quote {
  return { quote: recorded };
}

export function isQuote(value: unknown): value is Quote {
  return typeof value === "object" && value !== null && typeof (value as Quote).quote === "string";
}

export interface Text {
  key: MessageKey;
  values?: Record<string, TextValue>;
}

export function text(key: MessageKey, values?: Record<string, TextValue>): Text {
  return values ? { key, values } : { key };
}

/** Any number of items as one message, separated as each language separates them ("a; b; c", "a；b；c"). */
export function semicolonList(items: TextValue[]): TextValue {
  return items.length === 0 ? "" : items.reduce((a, b) => text("list.semicolon", { a, b }));
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

function renderWith(message: TextValue, locale: Locale, quoted: (q: Quote) => string): string {
  if (typeof message !== "object") return String(message);
  if (isQuote(message)) return quoted(message);
  const values = Object.fromEntries(
    Object.entries(message.values ?? {}).map(([k, v]) => [
      k,
      typeof v === "object" ? renderWith(v, locale, quoted) : v,
    ]),
  );
  return translator(locale)(message.key, values);
}

/** A message in `locale`; its values that are messages themselves are rendered first. Plain strings pass through. */
export function render(message: TextValue, locale: Locale): string {
  return renderWith(message, locale, (q) => q.quote);
}

/** A rendered message in pieces: our words as strings, quoted values (`quote()`) apart, for a page to set off. */
export type SaidPart = string | Quote;

export function renderParts(message: TextValue, locale: Locale): SaidPart[] {
  const quotes: Quote[] = [];
  // Each quote stands in as a mark no message contains, then the rendered sentence is cut at the marks.
  const said = renderWith(message, locale, (q) => `\u0000${quotes.push(q) - 1}\u0000`);
  return said
    .split(/\u0000(\d+)\u0000/)
    .map((piece, i) => (i % 2 === 1 ? quotes[Number(piece)]! : piece))
    .filter((piece) => piece !== "");
}

/**
 * A message as the store gives it back (lib/store-json.ts checks its shape): recorded by an earlier version, its key
 * may name a message today's catalog no longer has.
 */
export interface RecordedText {
  key: string;
  values?: Record<string, RecordedValue>;
}
export type RecordedValue = string | number | Quote | RecordedText;

/** Whether a recorded message names only messages today's catalog has, all the way down. */
function known(value: RecordedValue): value is TextValue {
  if (typeof value !== "object" || isQuote(value)) return true;
  return isMessageKey(value.key) && Object.values(value.values ?? {}).every(known);
}

/** A recorded message as one to render again, or its recorded prose when the catalog no longer has its message. */
export function recordedOr(message: RecordedValue | null | undefined, prose: string): TextValue {
  return message !== null && message !== undefined && known(message) ? message : prose;
}

/**
 * What the store recorded, in `locale`: its message when it has one the catalog still knows, else the prose it was
 * recorded in (rows written before messages were recorded as keys keep rendering, in their words).
 */
export function recordedParts(message: RecordedValue | null | undefined, prose: string, locale: Locale): SaidPart[] {
  const said = recordedOr(message, prose);
  if (said !== prose) {
    try {
      return renderParts(said, locale);
    } catch {
      // A value the message takes today was not recorded then: the recorded prose still says it.
    }
  }
  return [prose];
}

/** recordedParts as one string (for an attribute, a client component's prop, an API's localized field). */
export function renderRecorded(message: RecordedValue | null | undefined, prose: string, locale: Locale): string {
  return recordedParts(message, prose, locale)
    .map((p) => (typeof p === "string" ? p : p.quote))
    .join("");
}

/**
 * Facts as a JSON column records them (AuditEvent.detail, Drill.detail): each message as its English (the record
 * reads as it did, for logs and scripts), and the messages themselves under `texts`, by the same name, for pages to
 * render in each reader's language (lib/views/facts.ts).
 */
export function withTexts(facts: Record<string, unknown>): Record<string, unknown> {
  const texts: Record<string, TextValue | Text[]> = {};
  const recorded = Object.fromEntries(
    Object.entries(facts).map(([k, v]) => {
      if (isText(v) || isQuote(v)) {
        texts[k] = v;
        return [k, render(v, "en")];
      }
      if (Array.isArray(v) && v.length > 0 && v.every(isText)) {
        texts[k] = v;
        return [k, v.map((t) => render(t, "en"))];
      }
      return [k, v];
    }),
  );
  if (Object.keys(texts).length === 0) return recorded;
  // Facts read back and extended (a drill's detail, later its revert) keep the messages they had.
  const before = typeof facts.texts === "object" && facts.texts !== null ? facts.texts : {};
  return { ...recorded, texts: { ...before, ...texts } };
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
