// Signed tokens: a JSON payload with an expiry, HMAC-SHA256 signed. Sessions carry the user's email, the user's
// session version and an expiry, in an http-only cookie; the version is checked against the store on every request,
// so sign-out, a password change and `user disable` revoke every cookie issued before (lib/auth/session.ts). The
// device cookie (lib/auth/device.ts) is signed the same way under a key of its own.
import crypto from "node:crypto";

export interface SessionPayload {
  email: string;
  /** The user's session version when it was issued. */
  v: number;
  exp: number; // ms since epoch
}

function mac(body: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(body).digest("base64url");
}

export function signPayload<P extends { exp: number }>(payload: P, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(body, secret)}`;
}

/** The payload of a token signed with `secret` that has not expired; null for anything else. */
export function verifyPayload(
  token: string | undefined,
  secret: string,
  now = Date.now(),
): Record<string, unknown> | null {
  if (!token || token.length > 2048) return null;
  const [body, signature] = token.split(".");
  if (!body || !signature) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    if (typeof payload !== "object" || payload === null) return null;
    const fields = payload as Record<string, unknown>;
    return typeof fields.exp === "number" && fields.exp > now ? fields : null;
  } catch {
    return null;
  }
}

export function signSession(payload: SessionPayload, secret: string): string {
  return signPayload(payload, secret);
}

export function verifySession(token: string | undefined, secret: string, now = Date.now()): SessionPayload | null {
  const p = verifyPayload(token, secret, now);
  return p && typeof p.email === "string" && typeof p.v === "number"
    ? { email: p.email, v: p.v, exp: p.exp as number }
    : null;
}
