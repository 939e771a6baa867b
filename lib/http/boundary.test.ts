// The request boundary (lib/http/boundary.ts, lib/http/origin.ts) and the session check behind it
// (lib/auth/session.ts), through a real route handler on this test file's store: another site's write is refused,
// a body over 16 KB is refused before it is parsed, and a session cookie stops working once its user's sessions are
// revoked (sign-out, `user passwd`, `user disable`). Next.js's request context — the cookies and headers it hands a
// handler, the reader's language — is given here per request; everything behind it is the real code.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { sessionSecret } from "@/lib/auth/secret";
import { sessionCookieName } from "@/lib/auth/session";
import { signSession } from "@/lib/auth/session-token";
import { revokeSessions } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { route } from "@/lib/http/boundary";
import { crossOrigin } from "@/lib/http/origin";
import { useSeededStore } from "@/lib/test-support";

const context = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: new Headers() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (context.cookies.has(name) ? { name, value: context.cookies.get(name)! } : undefined),
  }),
  headers: async () => context.headers,
}));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));

beforeAll(() => useSeededStore());

const KIB16 = 16 * 1024;
/** What reached the handler: a refused request never does. */
const handled: unknown[] = [];
const write = route(
  { permission: "plan", target: () => "test", params: z.object({}), body: z.object({ note: z.string() }) },
  async ({ body, user }) => {
    handled.push(body);
    return Response.json({ by: user.email });
  },
);
const read = route(
  { permission: "read", target: () => "test", params: z.object({}), body: z.unknown() },
  async ({ user }) => Response.json({ by: user.email }),
);

async function cookieOf(email: string): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return signSession({ email, v: user.sessionVersion, exp: Date.now() + 60_000 }, sessionSecret());
}

/** A request as Next.js hands it to a handler: the session cookie goes into the request context too. */
function call(
  handler: typeof write,
  init: { method?: string; headers?: Record<string, string>; body?: BodyInit; cookie?: string },
) {
  const headers = new Headers({ host: "desk.example", ...init.headers });
  context.headers = headers;
  context.cookies = new Map(init.cookie ? [[sessionCookieName(), init.cookie]] : []);
  const request = new Request("http://desk.example/api/test", {
    method: init.method ?? "POST",
    headers,
    body: init.body,
    ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return handler(request, { params: Promise.resolve({}) });
}

const json = { "content-type": "application/json" };

describe("another site's write", () => {
  it.each([
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }, true],
    ["Sec-Fetch-Site: same-site (a sibling subdomain)", { "sec-fetch-site": "same-site" }, true],
    ["an Origin naming another host", { origin: "https://evil.example" }, true],
    ["an Origin that is not a URL", { origin: "null" }, true],
    ["an Origin naming this host", { origin: "http://desk.example" }, false],
    ["Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin", origin: "http://desk.example" }, false],
    ["a script (no Origin, no Sec-Fetch-Site)", {}, false],
  ])("%s → cross-origin: %s", (_what, headers, cross) => {
    expect(
      crossOrigin(new Request("http://desk.example/api/test", { headers: { host: "desk.example", ...headers } })),
    ).toBe(cross);
  });

  it("is refused 403 before anything runs, even with the user's valid cookie; the same post from this site is not", async () => {
    const cookie = await cookieOf("operator@example.com");
    const body = JSON.stringify({ note: "hi" });
    const elsewhere: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of elsewhere) {
      const refused = await call(write, { headers: { ...json, ...headers }, body, cookie });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: "cross_origin" });
    }
    expect(handled).toEqual([]);
    const allowed = await call(write, { headers: { ...json, origin: "http://desk.example" }, body, cookie });
    expect(allowed.status).toBe(200);
    expect(handled).toEqual([{ note: "hi" }]);
    handled.length = 0;
  });
});

describe("a body over 16 KB", () => {
  const sized = (bytes: number) => JSON.stringify({ note: "x".repeat(bytes - '{"note":""}'.length) });

  it("is refused 413 when it says so (Content-Length) and when it streams without saying", async () => {
    const cookie = await cookieOf("operator@example.com");
    const over = sized(KIB16 + 1);
    expect(Buffer.byteLength(over)).toBe(KIB16 + 1);
    const declared = await call(write, {
      headers: { ...json, "content-length": String(KIB16 + 1) },
      body: over,
      cookie,
    });
    expect(declared.status).toBe(413);
    const streamed = await call(write, {
      headers: json,
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode(over));
          c.close();
        },
      }),
      cookie,
    });
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ code: "payload_too_large" });
    expect(handled).toEqual([]);
  });

  it("of exactly 16 KB is read and handled", async () => {
    const cookie = await cookieOf("operator@example.com");
    const response = await call(write, { headers: json, body: sized(KIB16), cookie });
    expect(response.status).toBe(200);
    expect(handled).toHaveLength(1);
    handled.length = 0;
  });
});

describe("a session cookie", () => {
  it("stops working once its user's sessions are revoked; a fresh sign-in's cookie works", async () => {
    const cookie = await cookieOf("viewer@example.com");
    expect((await call(read, { method: "GET", cookie })).status).toBe(200);
    const viewer = await db.user.findUniqueOrThrow({ where: { email: "viewer@example.com" } });
    await revokeSessions(viewer.id);
    const revoked = await call(read, { method: "GET", cookie });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ code: "unauthenticated" });
    expect((await call(read, { method: "GET", cookie: await cookieOf("viewer@example.com") })).status).toBe(200);
  });
});
