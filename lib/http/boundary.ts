// The one boundary every route handler goes through, in this order (docs/decisions/008-the-request-boundary.md):
//   1. a non-GET request from another origin is refused (Origin / Sec-Fetch-Site) — 403;
//   2. a body over the size limit is refused before it is read further — 413;
//   3. a body that is not `application/json` is refused — 415;
//   4. path parameters are parsed (no stored object is read yet) — 400;
//   5. the user (or, on the routes made for them, a downstream consumer's token) is authorized — 401 / 403;
//   6. the body is parsed and validated with zod, every free text bounded — 400;
//   7. the handler's typed refusal is mapped to its status here, and nowhere else.
import type { z } from "zod";
import { authorizeRequest } from "@/lib/auth/api";
import { MAX_BODY_BYTES } from "@/lib/http/limits";
import { crossOrigin } from "@/lib/http/origin";
import type { Consumer } from "@/lib/domain/assets";
import type { Actor, Permission } from "@/lib/domain/roles";
import type { RefusalCode } from "@/lib/domain/refusal";
import { refuse } from "@/lib/http/refuse";
import type { Locale } from "@/lib/i18n/locales";
import { readerLocale } from "@/lib/i18n/server";
import { text, type Text } from "@/lib/i18n/text";
import { issuesIn, safeParseIn } from "@/lib/i18n/zod";

/** A refusal a handler returns: mapped to its status by the boundary. */
export type Outcome =
  { ok: false; code: RefusalCode; message: string; text?: Text; extra?: Record<string, unknown> } | Response;

async function readBody(request: Request, max: number): Promise<{ text: string } | { tooLarge: Text }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) return { tooLarge: text("http.tooLarge", { size: declared, max }) };
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
      return { tooLarge: text("http.overLimit", { max }) };
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
  /** The downstream consumers' tokens are accepted here (reads made for them only: consumption, partitions). */
  consumers?: boolean;
}

/** The reader's language, resolved once and only when something is to be said in it (a refusal, a handler's need). */
export type ReaderLocale = () => Promise<Locale>;

/**
 * What a schema found wrong with input it refused, worded in the reader's language: parsed again in that language
 * (zod's own messages are chosen as it parses), so input that passes is parsed once, in no particular language.
 */
export async function findings(
  schema: z.ZodType,
  input: unknown,
  where: string | null,
  locale: ReaderLocale,
): Promise<string> {
  const lang = await locale();
  const again = safeParseIn(schema, input, lang);
  return again.success ? "" : issuesIn(again.error, where, lang);
}

type Handler<P extends z.ZodType, B extends z.ZodType> = (ctx: {
  user: Actor;
  /** The consumer whose token asked (null: a user). */
  consumer: Consumer | null;
  params: z.infer<P>;
  body: z.infer<B>;
  request: Request;
  locale: ReaderLocale;
}) => Promise<Outcome>;

export function route<P extends z.ZodType, B extends z.ZodType>(spec: RouteSpec<P, B>, handler: Handler<P, B>) {
  return async (request: Request, context: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    // Resolving the language reads the signed-in user: an answer that says nothing (the polled reads) skips it.
    let resolved: Promise<Locale> | undefined;
    const locale: ReaderLocale = () => (resolved ??= readerLocale());
    const refusing = async (code: RefusalCode, message: Text | string, extra?: Record<string, unknown>) =>
      refuse(code, message, await locale(), extra);
    const write = request.method !== "GET" && request.method !== "HEAD";
    if (write && crossOrigin(request)) return refusing("cross_origin", text("http.crossOrigin"));
    let raw = "";
    if (write) {
      const read = await readBody(request, spec.maxBytes ?? MAX_BODY_BYTES);
      if ("tooLarge" in read) return refusing("payload_too_large", read.tooLarge);
      raw = read.text;
      const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (raw.length > 0 && type !== "application/json")
        return refusing("unsupported_media_type", text("http.mediaType", { type: type || text("http.noContentType") }));
    }
    const rawParams = (await context.params) ?? {};
    const params = spec.params.safeParse(rawParams);
    if (!params.success) return refusing("invalid", await findings(spec.params, rawParams, "path", locale));
    const auth = await authorizeRequest(request, spec.permission, spec.target(params.data).slice(0, 200), {
      consumers: spec.consumers,
    });
    if (!auth.ok) return refusing(auth.code, auth.text);
    let json: unknown = {};
    if (raw.length > 0) {
      try {
        json = JSON.parse(raw);
      } catch {
        return refusing("invalid", text("http.notJson"));
      }
    }
    const body = spec.body.safeParse(json);
    if (!body.success) return refusing("invalid", await findings(spec.body, json, "body", locale));
    const outcome = await handler({
      user: auth.user,
      consumer: auth.consumer ?? null,
      params: params.data,
      body: body.data,
      request,
      locale,
    });
    return outcome instanceof Response
      ? outcome
      : refusing(outcome.code, outcome.text ?? outcome.message, outcome.extra);
  };
}
