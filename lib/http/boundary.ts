// The one boundary every route handler goes through, in this order (docs/decisions/008-the-request-boundary.md):
//   1. a non-GET request from another origin is refused (Origin / Sec-Fetch-Site) — 403;
//   2. a body over the size limit is refused before it is read further — 413;
//   3. a body that is not `application/json` is refused — 415;
//   4. path parameters are parsed (no stored object is read yet) — 400;
//   5. the user (or the downstream token, for reads) is authorized — 401 / 403;
//   6. the body is parsed and validated with zod, every free text bounded — 400;
//   7. the handler's typed refusal is mapped to its status here, and nowhere else.
import type { z } from "zod";
import { authorizeRequest } from "@/lib/auth/api";
import type { Actor, Permission } from "@/lib/domain/roles";
import { REFUSAL_STATUS, type RefusalCode } from "@/lib/domain/refusal";
import type { Locale } from "@/lib/i18n/locales";
import { readerLocale } from "@/lib/i18n/server";
import { render, text, type Text } from "@/lib/i18n/text";
import { issuesIn, safeParseIn } from "@/lib/i18n/zod";

export const MAX_BODY_BYTES = 16 * 1024;

/** A refusal as JSON: `code` is stable (scripts read it); `message` is in the reader's language. */
export function refuse(code: RefusalCode, message: Text | string, locale: Locale, extra: Record<string, unknown> = {}): Response {
  return Response.json({ code, message: render(message, locale), ...extra }, { status: REFUSAL_STATUS[code], headers: { "cache-control": "no-store" } });
}

/** A refusal a handler returns: mapped to its status by the boundary. */
export type Outcome = { ok: false; code: RefusalCode; message: string; text?: Text; extra?: Record<string, unknown> } | Response;

function crossOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false; // not a browser: a script carries its own credentials, no ambient cookie to abuse
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

async function readBody(request: Request, max: number, locale: Locale): Promise<{ text: string } | { refused: Response }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) return { refused: refuse("payload_too_large", text("http.tooLarge", { size: declared, max }), locale) };
  const reader = request.body?.getReader();
  if (!reader) return { text: "" };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return { refused: refuse("payload_too_large", text("http.overLimit", { max }), locale) };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString("utf8") };
}

export interface RouteSpec<P extends z.ZodType, B extends z.ZodType> {
  permission: Permission;
  /** What the audit names when the request is refused (from the parsed path parameters). */
  target: (params: z.infer<P>) => string;
  params: P;
  body: B;
  maxBytes?: number;
}

type Handler<P extends z.ZodType, B extends z.ZodType> = (ctx: { user: Actor; params: z.infer<P>; body: z.infer<B>; request: Request; locale: Locale }) => Promise<Outcome>;

export function route<P extends z.ZodType, B extends z.ZodType>(spec: RouteSpec<P, B>, handler: Handler<P, B>) {
  return async (request: Request, context: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    const locale = await readerLocale();
    const write = request.method !== "GET" && request.method !== "HEAD";
    if (write && crossOrigin(request)) return refuse("cross_origin", text("http.crossOrigin"), locale);
    let raw = "";
    if (write) {
      const read = await readBody(request, spec.maxBytes ?? MAX_BODY_BYTES, locale);
      if ("refused" in read) return read.refused;
      raw = read.text;
      const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (raw.length > 0 && type !== "application/json") return refuse("unsupported_media_type", text("http.mediaType", { type: type || text("http.noContentType") }), locale);
    }
    const params = safeParseIn(spec.params, (await context.params) ?? {}, locale);
    if (!params.success) return refuse("invalid", issuesIn(params.error, "path", locale), locale);
    const auth = await authorizeRequest(request, spec.permission, spec.target(params.data).slice(0, 200));
    if (!auth.ok) return refuse(auth.code, auth.text, locale);
    let json: unknown = {};
    if (raw.length > 0) {
      try {
        json = JSON.parse(raw);
      } catch {
        return refuse("invalid", text("http.notJson"), locale);
      }
    }
    const body = safeParseIn(spec.body, json, locale);
    if (!body.success) return refuse("invalid", issuesIn(body.error, "body", locale), locale);
    const outcome = await handler({ user: auth.user, params: params.data, body: body.data, request, locale });
    return outcome instanceof Response ? outcome : refuse(outcome.code, outcome.text ?? outcome.message, locale, outcome.extra);
  };
}
