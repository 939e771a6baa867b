// A catalog reduced to some of its namespaces: what a page's provider ships (lib/i18n/client-messages.ts). Pure and
// free of the catalogs themselves, so the browser tests can compute what a built page should ship.

export type Messages = { [key: string]: string | Messages };

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
