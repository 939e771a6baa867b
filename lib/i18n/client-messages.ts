// The messages a route file's client components read — and only those — for its provider to ship to the browser.
// Which namespaces those are is derived from the code at build time (scripts/client-messages.mjs writes
// generated/client-messages.json at every `next build`), never listed by hand.
import derived from "@/generated/client-messages.json";
import type { Locale } from "@/lib/i18n/locales";
import { pickMessages, type Messages } from "@/lib/i18n/pick";
import { CATALOGS } from "@/lib/i18n/text";

/** A Next.js route file of app/, as the scan names it: its path without the extension (`app/evidence/page`). */
export type RouteFileId = `app/${string}`;

const NAMESPACES: Record<string, readonly string[]> = derived;

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
