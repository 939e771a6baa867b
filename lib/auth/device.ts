// A browser that signed in to an account before: a signed cookie naming the account and a random device id. The
// sign-in throttle counts that browser's attempts apart from everyone else's (lib/auth/throttle.ts), so a stranger's
// wrong passwords never lock the owner out of their usual browser. Signed under a key derived from SESSION_SECRET
// for this purpose only, so a device token can never pass for a session.
import crypto from "node:crypto";
import { cookies } from "next/headers";
import { sessionSecret } from "@/lib/auth/secret";
import { clientAddress } from "@/lib/auth/session";
import { signPayload, verifyPayload } from "@/lib/auth/session-token";
import type { SignInClient } from "@/lib/auth/throttle";
import { config } from "@/lib/config";

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

function deviceCookieName(): string {
  return config().demo ? "pd_device" : "__Host-pd_device";
}

function deviceKey(): string {
  return crypto.createHmac("sha256", sessionSecret()).update("partition-desk device cookie").digest("base64url");
}

/** The id of this browser when it signed in to `email` before. */
async function knownDevice(email: string): Promise<string | null> {
  const p = verifyPayload((await cookies()).get(deviceCookieName())?.value, deviceKey());
  return p && p.email === email && typeof p.device === "string" ? p.device : null;
}

/** Who is signing in to `email`, as the throttle tells clients apart. */
export async function signInClient(email: string): Promise<SignInClient> {
  return { device: await knownDevice(email), address: await clientAddress() };
}

/** After a successful sign-in: this browser is known to `email` from now on (for a year). */
export async function rememberDevice(email: string): Promise<void> {
  const device = (await knownDevice(email)) ?? crypto.randomBytes(16).toString("base64url");
  (await cookies()).set(deviceCookieName(), signPayload({ email, device, exp: Date.now() + YEAR_MS }, deviceKey()), {
    httpOnly: true,
    sameSite: "lax",
    secure: !config().demo,
    path: "/",
    maxAge: YEAR_MS / 1000,
  });
}
