// Accounts in the store: look-up, sign-in (throttled, the same work for unknown accounts, published passwords
// refused outside demo mode), the demo accounts (demo mode only) and the CLI's user commands.
import crypto from "node:crypto";
import { audit } from "@/lib/audit";
import { config, PUBLISHED_DEFAULTS } from "@/lib/config";
import { db } from "@/lib/db";
import { decoyHash, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/passwords";
import { forgiveAttempt, reserveAttempt, throttleKeys, type SignInClient } from "@/lib/auth/throttle";
import { ROLES, type Actor, type Role } from "@/lib/domain/roles";
import { text, told, type Text } from "@/lib/i18n/text";
import type { Locale } from "@/lib/i18n/locales";
import { userRoles } from "@/lib/store-json";
import { isOneOf } from "@/lib/domain/one-of";

export const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "operator@example.com", name: "Olivia Operator", roles: ["operator"] },
  { email: "reviewer@example.com", name: "Rui Reviewer", roles: ["reviewer"] },
  { email: "viewer@example.com", name: "Vera Viewer", roles: ["viewer"] },
  { email: "lead@example.com", name: "Lee Lead", roles: ["operator", "reviewer"] },
  { email: "admin@example.com", name: "Ada Admin", roles: ["admin"] },
];

export const MIN_PASSWORD_LENGTH = 12;

/** The demo accounts, with the demo password: demo mode only. */
export async function seedDemoUsers(): Promise<void> {
  if (!config().demo) return;
  const passwordHash = await hashPassword(config().demoPassword);
  for (const u of DEMO_USERS) {
    await db.user.upsert({
      where: { email: u.email },
      create: { email: u.email, name: u.name, roles: JSON.stringify(u.roles), passwordHash },
      update: {},
    });
  }
}

export type UserActor = Actor & { name: string; id: number; sessionVersion: number; locale: string | null };

function toActor(user: {
  id: number;
  email: string;
  name: string;
  roles: string;
  sessionVersion: number;
  locale: string | null;
}): UserActor {
  const roles = userRoles(user.roles).filter((r): r is Role => isOneOf(ROLES, r));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles,
    sessionVersion: user.sessionVersion,
    locale: user.locale,
  };
}

/** An enabled account by email. */
export async function findActor(email: string): Promise<UserActor | null> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  return user && !user.disabled ? toActor(user) : null;
}

export type SignInResult = { ok: true; actor: UserActor } | { ok: false; message: string; text: Text; waitMs?: number };

/**
 * Checks a password, throttled per account and client and per client address: the attempt is counted before the
 * password is looked at (so attempts sent at once cannot slip past the count) and given back when it is right.
 * Every outcome is audited (without the password).
 */
export async function authenticate(
  email: string,
  password: string,
  client: SignInClient | null,
  now = new Date(),
): Promise<SignInResult> {
  const account = email.toLowerCase();
  const keys = throttleKeys(account, client);
  const refuse = async (why: Text, waitMs?: number): Promise<SignInResult> => {
    const said = told(why);
    // Nobody is signed in yet: an anonymous refusal, counted in the audit like any other (lib/audit.ts).
    await audit({
      actor: "anonymous",
      action: "auth.sign_in",
      target: account,
      outcome: "refused",
      detail: { reason: said.text, client: client?.address ?? null, known_device: Boolean(client?.device) },
    });
    return { ok: false, ...said, waitMs };
  };
  const { waitMs } = await reserveAttempt(keys, now);
  if (waitMs > 0) return refuse(text("auth.throttled", { seconds: Math.ceil(waitMs / 1000) }), waitMs);
  const user = await db.user.findUnique({ where: { email: account } });
  // The same scrypt work whether or not the account exists: timing says nothing about which accounts do.
  const ok =
    (await verifyPassword(password, user?.passwordHash ?? (await decoyHash()))) && user !== null && !user.disabled;
  if (!ok) return refuse(text("auth.wrongPassword"));
  if (!config().demo && isOneOf(PUBLISHED_DEFAULTS, password)) {
    return refuse(text("auth.publishedPassword"));
  }
  await forgiveAttempt(keys);
  if (needsRehash(user.passwordHash))
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  await audit({
    actor: account,
    action: "auth.sign_in",
    target: account,
    outcome: "ok",
    detail: { client: client?.address ?? null, known_device: Boolean(client?.device) },
  });
  return { ok: true, actor: toActor(user) };
}

/** The language the user chose with the header's switcher: it follows them to every browser and sign-in. */
export async function setUserLocale(userId: number, locale: Locale): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale } });
}

/** Sign-out, a password change, `user disable`: every cookie issued before stops working. */
export async function revokeSessions(userId: number): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

export function tokenHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** The user an API token (the CLI's, a script's) stands for; a token minted in demo mode counts only in demo mode. */
export async function actorByToken(token: string): Promise<UserActor | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: tokenHash(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.user.disabled) return null;
  return row.demo && !config().demo ? null : toActor(row.user);
}

/** The user mapped to an operating-system account (`user add --os-user`), for the CLI. */
export async function actorByOsUser(osUser: string): Promise<UserActor | null> {
  const user = await db.user.findUnique({ where: { osUser } });
  return user && !user.disabled ? toActor(user) : null;
}
