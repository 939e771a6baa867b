// The signed-in user of a request (Next.js server side). Every server action and route handler calls
// `authorize` itself: a page or middleware check is never the only guard.
import { cookies, headers } from "next/headers";
import { audit } from "@/lib/audit";
import { sessionSecret } from "@/lib/auth/secret";
import { signSession, verifySession } from "@/lib/auth/session-token";
import { findActor } from "@/lib/auth/users";
import { can, refusalMessage, type Actor, type Permission } from "@/lib/domain/roles";
import { policy } from "@/lib/policy";

export const SESSION_COOKIE = "pd_session";
const SESSION_MS = 8 * 60 * 60 * 1000;

export async function currentUser(): Promise<(Actor & { name: string }) | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const session = verifySession(token, sessionSecret());
  return session ? findActor(session.email) : null;
}

export async function startSession(email: string): Promise<void> {
  const secure = (await headers()).get("x-forwarded-proto") === "https";
  (await cookies()).set(SESSION_COOKIE, signSession({ email, exp: Date.now() + SESSION_MS }, sessionSecret()), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_MS / 1000,
  });
}

export async function endSession(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

export type Authorization = { ok: true; user: Actor } | { ok: false; message: string };

/** The current user when they hold `permission`; otherwise a refusal, audited with its reason. */
export async function authorize(permission: Permission, target: string): Promise<Authorization> {
  const user = await currentUser();
  const grants = policy().roles;
  if (can(user, permission, grants)) return { ok: true, user: user! };
  const message = refusalMessage(user, permission, grants);
  await audit({ actor: user?.email ?? "anonymous", action: `authorize.${permission}`, target, outcome: "refused", detail: { reason: message } });
  return { ok: false, message };
}
