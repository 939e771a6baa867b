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

export const MAX_BODY_BYTES = 16 * 1024;

export function refuse(code: RefusalCode, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: message, code, ...extra }, { status: REFUSAL_STATUS[code], headers: { "cache-control": "no-store" } });
}

/** A refusal a handler returns: mapped to its status by the boundary. */
export type Outcome = { ok: false; code: RefusalCode; message: string; extra?: Record<string, unknown> } | Response;

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

async function readBody(request: Request, max: number): Promise<{ text: string } | { refused: Response }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) return { refused: refuse("payload_too_large", `the request body is ${declared} bytes; the limit is ${max}`) };
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
      return { refused: refuse("payload_too_large", `the request body is over the limit of ${max} bytes`) };
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

type Handler<P extends z.ZodType, B extends z.ZodType> = (ctx: { user: Actor; params: z.infer<P>; body: z.infer<B>; request: Request }) => Promise<Outcome>;

function issues(error: z.ZodError, where: string): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : where}: ${i.message}`).join("; ");
}

export function route<P extends z.ZodType, B extends z.ZodType>(spec: RouteSpec<P, B>, handler: Handler<P, B>) {
  return async (request: Request, context: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    const write = request.method !== "GET" && request.method !== "HEAD";
    if (write && crossOrigin(request)) return refuse("cross_origin", "cross-origin requests may not change anything here");
    let text = "";
    if (write) {
      const read = await readBody(request, spec.maxBytes ?? MAX_BODY_BYTES);
      if ("refused" in read) return read.refused;
      text = read.text;
      const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (text.length > 0 && type !== "application/json") return refuse("unsupported_media_type", `send the body as application/json (not ${type || "without a Content-Type"})`);
    }
    const params = spec.params.safeParse((await context.params) ?? {});
    if (!params.success) return refuse("invalid", issues(params.error, "path"));
    const auth = await authorizeRequest(request, spec.permission, spec.target(params.data).slice(0, 200));
    if (!auth.ok) return refuse(auth.code, auth.message);
    let json: unknown = {};
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        return refuse("invalid", "the body is not valid JSON");
      }
    }
    const body = spec.body.safeParse(json);
    if (!body.success) return refuse("invalid", issues(body.error, "body"));
    const outcome = await handler({ user: auth.user, params: params.data, body: body.data, request });
    return outcome instanceof Response ? outcome : refuse(outcome.code, outcome.message, outcome.extra);
  };
}
