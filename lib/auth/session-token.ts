// Session tokens: the user's email, the user's session version and an expiry, HMAC-SHA256 signed. Stored in an
// http-only cookie. The version is checked against the store on every request, so sign-out, a password change and
// `user disable` revoke every cookie issued before (lib/auth/session.ts).
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

export function signSession(payload: SessionPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(body, secret)}`;
}

export function verifySession(token: string | undefined, secret: string, now = Date.now()): SessionPayload | null {
  if (!token || token.length > 2048) return null;
  const [body, signature] = token.split(".");
  if (!body || !signature) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as SessionPayload;
    return typeof payload.email === "string" &&
      typeof payload.v === "number" &&
      typeof payload.exp === "number" &&
      payload.exp > now
      ? payload
      : null;
  } catch {
    return null;
  }
}
