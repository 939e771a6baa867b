// Session tokens: the user's email and an expiry, HMAC-SHA256 signed. Stored in an http-only cookie; no server
// state, so a restart keeps everyone signed in and a changed secret signs everyone out.
import crypto from "node:crypto";

export interface SessionPayload {
  email: string;
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
  if (!token) return null;
  const [body, signature] = token.split(".");
  if (!body || !signature) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as SessionPayload;
    return typeof payload.email === "string" && typeof payload.exp === "number" && payload.exp > now ? payload : null;
  } catch {
    return null;
  }
}
