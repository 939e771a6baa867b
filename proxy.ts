// Before any page or route runs: what no handler may be reached without, answered the same way everywhere.
//  - A post from another site's page is refused (403) by the test the API's boundary uses (lib/http/origin.ts) — on
//    every path, `/api/…` included: a server action posted to a path no route handler owns (`/api/nope`) would
//    otherwise run with only Next.js's own check, which answers another site with a 500 at best.
//  - A form post (server action) over the 16 KB limit is refused (413) before Next.js reads it (it answered 500).
//  - Outside demo mode every answer tells the browser to use HTTPS only (HSTS); the demo runs on http://localhost.
import { NextResponse, type NextRequest } from "next/server";
import { config as settings } from "@/lib/config";
import { MAX_BODY_BYTES } from "@/lib/http/limits";
import { crossOrigin } from "@/lib/http/origin";
import { refuse, refuseAsText } from "@/lib/http/refuse";
import { chooseLocale } from "@/lib/i18n/locales";
import { text } from "@/lib/i18n/text";

/** Two years, subdomains included: the session cookie is `__Host-` and `Secure` outside demo mode anyway. */
const HSTS = "max-age=63072000; includeSubDomains";

function refused(request: NextRequest): Response | undefined {
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  const api = request.nextUrl.pathname.startsWith("/api/");
  const locale = chooseLocale({
    acceptLanguage: request.headers.get("accept-language"),
    fallback: settings().defaultLocale,
  });
  if (crossOrigin(request))
    return api
      ? refuse("cross_origin", text("http.crossOrigin"), locale)
      : refuseAsText("cross_origin", text("http.crossOrigin"), locale);
  // The API's route handlers measure their bodies themselves (lib/http/boundary.ts), streamed ones included.
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!api && declared > MAX_BODY_BYTES)
    return refuseAsText("payload_too_large", text("http.tooLarge", { size: declared, max: MAX_BODY_BYTES }), locale);
  return undefined;
}

export function proxy(request: NextRequest): Response {
  const response = refused(request) ?? NextResponse.next();
  if (!settings().demo) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

// Every path but Next.js's own static files.
export const config = { matcher: ["/((?!_next/).*)"] };
