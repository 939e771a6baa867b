// Facts a JSON column recorded (AuditEvent.detail, Drill.detail), as a page shows them in the reader's language:
// what was recorded as a message (lib/i18n/text.ts withTexts) renders in it — facts recorded before keep their
// words — and every other value is shown as recorded, JSON as code.
import type { Locale } from "@/lib/i18n/locales";
import { quote, recordedParts, render, text, type SaidPart } from "@/lib/i18n/text";
import type { RecordedFacts } from "@/lib/store-json";

export function factsParts(
  facts: RecordedFacts,
  locale: Locale,
  { names = true, quoteStrings = false }: { names?: boolean; quoteStrings?: boolean } = {},
): SaidPart[] {
  const { texts = {}, ...values } = facts;
  // The separator each language puts between list items ("; ", "；"), from the catalog's own list message.
  const between = render(text("list.semicolon", { a: "", b: "" }), locale);
  const said = (name: string, value: unknown): SaidPart[] => {
    const message = texts[name];
    if (message !== undefined && !Array.isArray(message) && typeof value === "string")
      return recordedParts(message, value, locale);
    if (Array.isArray(message) && Array.isArray(value))
      return message.flatMap((m, i) => [...(i ? [between] : []), ...recordedParts(m, String(value[i] ?? ""), locale)]);
    if (typeof value === "string") return [quoteStrings ? quote(value) : value];
    return [typeof value === "number" ? String(value) : quote(JSON.stringify(value))];
  };
  return Object.entries(values).flatMap(([name, value], i) => [
    ...(names ? [`${i ? " · " : ""}${name}: `] : []),
    ...said(name, value),
  ]);
}
