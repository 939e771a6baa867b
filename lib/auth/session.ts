// The signed-in user of a request (Next.js server side). Every server action and route handler calls `authorize`
// itself: a page or middleware check is never the only guard. A session is a signed cookie carrying the user's
// session version, checked against the store on every request (sign-out revokes it everywhere).
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { audit } from "@/lib/audit";
import { sessionSecret } from "@/lib/auth/secret";
import { signSession, verifySession } from "@/lib/auth/session-token";
import { findActor, revokeSessions, type UserActor } from "@/lib/auth/users";
import { config } from "@/lib/config";
import type { Consumer } from "@/lib/domain/assets";
import { can, refusalText, type Actor, type Permission } from "@/lib/domain/roles";
import { told, type Text } from "@/lib/i18n/text";
import { policy } from "@/lib/policy";

const SESSION_MS = 8 * 60 * 60 * 1000;

/** `__Host-` (Secure, this host only, path /) in production; the plain name in the demo, which runs on http://localhost. */
export function sessionCookieName(): string {
  return config().demo ? "pd_session" : "__Host-pd_session";
}

// Once per request (React's cache: the layout, the language and the page all ask): one look-up, not three.
export const currentUser = cache(async (): Promise<UserActor | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  const session = verifySession(token, sessionSecret());
  if (!session) return null;
  const user = await findActor(session.email);
  // A cookie from before the last sign-out, password change or disable no longer counts.
  return user && user.sessionVersion === session.v ? user : null;
});

export async function startSession(user: UserActor): Promise<void> {
  const secure = !config().demo || (await headers()).get("x-forwarded-proto") === "https";
  (await cookies()).set(
    sessionCookieName(),
    signSession({ email: user.email, v: user.sessionVersion, exp: Date.now() + SESSION_MS }, sessionSecret()),
    {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      maxAge: SESSION_MS / 1000,
    },
  );
}

/** Signs out: the cookie goes, and every copy of it (and every other session of the user) stops working. */
export async function endSession(): Promise<void> {
  const user = await currentUser();
  if (user) {
    await revokeSessions(user.id);
    await audit({ actor: user.email, action: "auth.sign_out", target: user.email, outcome: "ok" });
  }
  (await cookies()).delete(sessionCookieName());
}

/**
 * The client's address, for per-client throttling: only behind a proxy we trust (TRUST_PROXY), which reports it.
 * Otherwise null — any client can write X-Forwarded-For, so trusting it would let an attacker pick a fresh bucket
 * per request (and Next.js gives a handler no socket address); the per-account throttle still applies.
 */
export async function clientAddress(): Promise<string | null> {
  if (!config().trustProxy) return null;
  const h = await headers();
  return (h.get("x-forwarded-for")?.split(",").at(-1)?.trim() || h.get("x-real-ip") || "").slice(0, 64) || null;
}

export type Authorization =
  | {
      ok: true;
      user: Actor;
      /** A downstream consumer reading through its own token (lib/auth/api.ts). */ consumer?: Consumer;
    }
  | { ok: false; message: string; text: Text; code: "unauthenticated" | "forbidden" };

/** The current user when they hold `permission`; otherwise a refusal, audited with its reason. */
export async function authorize(permission: Permission, target: string): Promise<Authorization> {
  const user = await currentUser();
  const grants = policy().roles;
  if (can(user, permission, grants)) return { ok: true, user: user! };
  return refuseAuthorization(user, permission, target, refusalText(user, permission, grants));
}

/** A caller who may not: audited with the reason; unauthenticated when nobody is known, else forbidden. */
export async function refuseAuthorization(
  user: Actor | null,
  permission: Permission,
  target: string,
  why: Text,
): Promise<Authorization> {
  const said = told(why);
  await audit({
    actor: user?.email ?? "anonymous",
    action: `authorize.${permission}`,
    target,
    outcome: "refused",
    detail: { reason: said.text },
  });
  return { ok: false, ...said, code: user ? "forbidden" : "unauthenticated" };
}
