// Pages' server actions (their form posts) get the API's cross-origin refusal (lib/http/boundary.ts): 403 before
// anything runs. Next.js's own check would answer another site's post with a 500.
import type { NextRequest } from "next/server";
import { config as settings } from "@/lib/config";
import { crossOrigin } from "@/lib/http/origin";
import { chooseLocale } from "@/lib/i18n/locales";
import { render, text } from "@/lib/i18n/text";

export function proxy(request: NextRequest): Response | undefined {
  if (request.method === "GET" || request.method === "HEAD" || !crossOrigin(request)) return undefined;
  const locale = chooseLocale({
    acceptLanguage: request.headers.get("accept-language"),
    fallback: settings().defaultLocale,
  });
  return new Response(render(text("http.crossOrigin"), locale), {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

// The API's route handlers refuse it themselves, with their JSON refusal.
export const config = { matcher: ["/((?!api/|_next/).*)"] };
