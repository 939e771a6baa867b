// Managing accounts from the CLI (whoever can run it on the store's machine administers it): add, change a password,
// set roles, disable, create an API token. Every change is audited as the operating-system account that made it.
import crypto from "node:crypto";
import os from "node:os";
import { audit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/passwords";
import { MIN_PASSWORD_LENGTH, revokeSessions, tokenHash } from "@/lib/auth/users";
import { PUBLISHED_DEFAULTS } from "@/lib/config";
import { db } from "@/lib/db";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { ROLES, type Role } from "@/lib/domain/roles";
import { text, told, type Text } from "@/lib/i18n/text";
import { userRoles } from "@/lib/store-json";
import { isOneOf } from "@/lib/domain/one-of";

export type AdminResult = { ok: true; message: string; text: Text; token?: string } | Refused;

const admin = () => `cli:${os.userInfo().username}`;

function passwordProblem(password: string): Text | null {
  if (password.length < MIN_PASSWORD_LENGTH) return text("auth.passwordTooShort", { min: MIN_PASSWORD_LENGTH });
  if (isOneOf(PUBLISHED_DEFAULTS, password)) return text("auth.passwordPublished");
  return null;
}

/** `--roles operator,reviewer`; `--roles none` keeps the account but takes every role away (it can read nothing). */
export function parseRoles(given: string | undefined): Role[] | Text {
  if (given?.trim() === "none") return [];
  const roles = (given ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.find((r) => !isOneOf(ROLES, r));
  if (bad !== undefined) return text("auth.unknownRole", { role: bad, roles: ROLES.join(", ") });
  return roles.length ? (roles as Role[]) : text("auth.nameARole", { roles: ROLES.join(", ") });
}

async function done(
  action: string,
  email: string,
  said: Text,
  detail: Record<string, unknown> = {},
): Promise<AdminResult> {
  await audit({ actor: admin(), action: `user.${action}`, target: email, outcome: "ok", detail });
  return { ok: true, ...told(said) };
}

export async function addUser(input: {
  email: string;
  name: string;
  roles: Role[];
  password: string;
  osUser?: string;
}): Promise<AdminResult> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254)
    return refusal("invalid", "auth.notAnEmail", { email: input.email });
  const problem = passwordProblem(input.password);
  if (problem) return refusal("invalid", problem);
  if (await db.user.findUnique({ where: { email } })) return refusal("conflict", "auth.exists", { email });
  await db.user.create({
    data: {
      email,
      name: input.name.slice(0, 200),
      roles: JSON.stringify(input.roles),
      passwordHash: await hashPassword(input.password),
      osUser: input.osUser ?? null,
    },
  });
  const said = input.osUser
    ? text("auth.addedOs", { email, roles: input.roles.join(", "), osUser: input.osUser })
    : text("auth.added", { email, roles: input.roles.join(", ") });
  return done("add", email, said, { roles: input.roles, osUser: input.osUser ?? null });
}

async function existing(email: string) {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
}

export async function changePassword(email: string, password: string): Promise<AdminResult> {
  const user = await existing(email);
  if (!user) return refusal("not_found", "auth.noSuchUser", { email });
  const problem = passwordProblem(password);
  if (problem) return refusal("invalid", problem);
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  await revokeSessions(user.id);
  return done("passwd", user.email, text("auth.passwordChanged", { email: user.email }));
}

export async function setRoles(email: string, roles: Role[]): Promise<AdminResult> {
  const user = await existing(email);
  if (!user) return refusal("not_found", "auth.noSuchUser", { email });
  await db.user.update({ where: { id: user.id }, data: { roles: JSON.stringify(roles) } });
  return done(
    "roles",
    user.email,
    roles.length
      ? text("auth.rolesSet", { email: user.email, roles: roles.join(", ") })
      : text("auth.rolesNone", { email: user.email }),
    { roles },
  );
}

export async function disableUser(email: string): Promise<AdminResult> {
  const user = await existing(email);
  if (!user) return refusal("not_found", "auth.noSuchUser", { email });
  await db.user.update({ where: { id: user.id }, data: { disabled: true } });
  await db.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
  await revokeSessions(user.id);
  return done("disable", user.email, text("auth.disabled", { email: user.email }));
}

/** A new API token for the user: shown once, stored as its sha256 only. */
export async function createToken(email: string, label: string): Promise<AdminResult> {
  const user = await existing(email);
  if (!user || user.disabled) return refusal("not_found", "auth.noSuchActiveUser", { email });
  const token = `pdt_${crypto.randomBytes(32).toString("base64url")}`;
  await db.apiToken.create({ data: { userId: user.id, tokenHash: tokenHash(token), label: label.slice(0, 100) } });
  const said = text("auth.tokenCreated", { email: user.email, label });
  await done("token", user.email, said, { label });
  return { ok: true, ...told(said), token };
}

export async function listUsers(): Promise<
  { email: string; name: string; roles: string[]; disabled: boolean; osUser: string | null }[]
> {
  const users = await db.user.findMany({
    orderBy: { email: "asc" },
    select: { email: true, name: true, roles: true, disabled: true, osUser: true },
  });
  return users.map((u) => ({ ...u, roles: userRoles(u.roles) }));
}
