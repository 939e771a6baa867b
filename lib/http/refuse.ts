// A refusal as an HTTP answer: JSON `{ code, message }` for the API (scripts read `code`; `message` is in the
// reader's language), plain text for a page's form post. Shared by the request boundary and proxy.ts.
import { REFUSAL_STATUS, type RefusalCode } from "@/lib/domain/refusal";
import type { Locale } from "@/lib/i18n/locales";
import { render, type Text } from "@/lib/i18n/text";

export function refuse(
  code: RefusalCode,
  message: Text | string,
  locale: Locale,
  extra: Record<string, unknown> = {},
): Response {
  return Response.json(
    { code, message: render(message, locale), ...extra },
    { status: REFUSAL_STATUS[code], headers: { "cache-control": "no-store" } },
  );
}

export function refuseAsText(code: RefusalCode, message: Text, locale: Locale): Response {
  return new Response(render(message, locale), {
    status: REFUSAL_STATUS[code],
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
