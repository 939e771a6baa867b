// The messages a route file's client components read — and only those — for its provider to ship to the browser.
// Which namespaces those are is derived from the code at build time (scripts/client-messages.mjs writes
// generated/client-messages.json at every `next build`), never listed by hand.
import derived from "@/generated/client-messages.json";
import type { Locale } from "@/lib/i18n/locales";
import { CATALOGS } from "@/lib/i18n/text";

/** A Next.js route file of app/, as the scan names it: its path without the extension (`app/evidence/page`). */
export type RouteFileId = `app/${string}`;

type Messages = { [key: string]: string | Messages };

const NAMESPACES: Record<string, readonly string[]> = derived;

/** `catalog` reduced to the given namespaces (`calendar`, `backfillStatus.label`), each with all its messages. */
export function pickMessages(catalog: Messages, namespaces: readonly string[]): Messages {
  const picked: Messages = {};
  for (const namespace of namespaces) {
    const parts = namespace.split(".");
    let from: Messages | string | undefined = catalog;
    let to = picked;
    parts.forEach((part, i) => {
      from = typeof from === "object" ? from[part] : undefined;
      if (from === undefined) throw new Error(`the catalog has no namespace ${namespace}`);
      if (i === parts.length - 1) to[part] = from;
      else to = (to[part] ??= {}) as Messages;
    });
  }
  return picked;
}

// Per process: the same few dozen subsets serve every request.
const cache = new Map<string, Messages>();

/** What `file`'s provider ships in `locale`: the namespaces its client components read (none: an empty object). */
export function clientMessages(file: RouteFileId, locale: Locale): Messages {
  const key = `${locale}\u0000${file}`;
  let messages = cache.get(key);
  if (!messages) {
    messages = pickMessages(CATALOGS[locale], NAMESPACES[file] ?? []);
    cache.set(key, messages);
  }
  return messages;
}
