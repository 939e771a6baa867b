// Managing accounts (the CLI's `user` commands): add, change a password, set roles, disable, mint, list and revoke
// API tokens. Account administration needs an administrator — a user holding a role the policy grants
// `administer_users` (admin) — checked here like any other permission, for whoever the CLI acts as
// (lib/auth/cli-identity.ts). Two exceptions: the first administrator (`user add … --roles admin` while no enabled
// administrator exists, so a fresh deployment can start), and a user's own tokens (mint, list, revoke: they carry
// only that user's roles). Every change and every refusal is audited with who acted.
import crypto from "node:crypto";
import os from "node:os";
import type { Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/passwords";
import { authenticate, MIN_PASSWORD_LENGTH, revokeSessions, tokenHash, type UserActor } from "@/lib/auth/users";
import { config, PUBLISHED_DEFAULTS } from "@/lib/config";
import { db } from "@/lib/db";
import { isOneOf } from "@/lib/domain/one-of";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { refusalText, ROLES, type Role } from "@/lib/domain/roles";
import { text, told, type Text } from "@/lib/i18n/text";
import { allowed, policy } from "@/lib/policy";
import { onPostgres } from "@/lib/raw";
import { userRoles } from "@/lib/store-json";

export type AdminResult = { ok: true; message: string; text: Text; token?: string; tokenId?: number } | Refused;

/** Who runs a `user` command: the CLI's user, or null when it could name none (no token, no OS mapping, no demo). */
export type Administrator = UserActor | null;

const osUser = () => os.userInfo().username;
/** The audit's actor: the acting user, or the operating-system account when the CLI could name no user. */
const actorOf = (by: Administrator) => by?.email ?? `cli:${osUser()}`;

async function audited(
  by: Administrator,
  action: string,
  target: string,
  outcome: "ok" | "refused",
  detail: Record<string, unknown> = {},
): Promise<void> {
  await audit({
    actor: actorOf(by),
    action: `user.${action}`,
    target,
    outcome,
    detail: { via: "cli", os_user: osUser(), ...detail },
  });
}

async function refused(by: Administrator, action: string, target: string, why: Refused): Promise<Refused> {
  await audited(by, action, target, "refused", { reason: why.text });
  return why;
}

/** An administrator, or the refusal (audited) that says who may. */
async function mayAdminister(by: Administrator, action: string, target: string): Promise<Refused | null> {
  if (by && allowed(by, "administer_users")) return null;
  return refused(
    by,
    action,
    target,
    by
      ? refusal("forbidden", refusalText(by, "administer_users", policy().roles))
      : refusal("unauthenticated", "auth.adminNeedsUser", { osUser: osUser() }),
  );
}

/** Account changes take turns (SQLite's transactions already do): two first administrators cannot both be made. */
function inTurn<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    if (onPostgres()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('partition-desk-users'))`;
    return work(tx);
  });
}

const ADMIN: Role = "admin";

/** Enabled accounts holding the admin role, but `except`. */
async function otherAdministrators(tx: Prisma.TransactionClient, except?: number): Promise<number> {
  const users = await tx.user.findMany({
    where: { disabled: false, roles: { contains: `"${ADMIN}"` }, ...(except ? { id: { not: except } } : {}) },
    select: { roles: true },
  });
  return users.filter((u) => userRoles(u.roles).includes(ADMIN)).length;
}

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
  by: Administrator,
  action: string,
  email: string,
  said: Text,
  detail: Record<string, unknown> = {},
): Promise<AdminResult> {
  await audited(by, action, email, "ok", detail);
  return { ok: true, ...told(said) };
}

const normal = (email: string) => email.trim().toLowerCase();

export async function addUser(
  input: { email: string; name: string; roles: Role[]; password: string; osUser?: string },
  by: Administrator,
): Promise<AdminResult> {
  const email = normal(input.email);
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254)
    return refusal("invalid", "auth.notAnEmail", { email: input.email });
  const problem = passwordProblem(input.password);
  if (problem) return refusal("invalid", problem);
  const passwordHash = await hashPassword(input.password);
  const administrator = by !== null && allowed(by, "administer_users");
  const outcome = await inTurn(async (tx): Promise<"bootstrap" | "added" | "not_administrator" | Refused> => {
    // The first administrator: whoever can run the CLI on the store's machine, while nobody administers it.
    const bootstrap = input.roles.includes(ADMIN) && (await otherAdministrators(tx)) === 0;
    if (!bootstrap && !administrator) return "not_administrator";
    if (await tx.user.findUnique({ where: { email } })) return refusal("conflict", "auth.exists", { email });
    await tx.user.create({
      data: {
        email,
        name: input.name.slice(0, 200),
        roles: JSON.stringify(input.roles),
        passwordHash,
        osUser: input.osUser ?? null,
      },
    });
    return bootstrap ? "bootstrap" : "added";
  });
  if (outcome === "not_administrator") return (await mayAdminister(by, "add", email))!;
  if (typeof outcome !== "string") return outcome;
  const said = input.osUser
    ? text("auth.addedOs", { email, roles: input.roles.join(", "), osUser: input.osUser })
    : text("auth.added", { email, roles: input.roles.join(", ") });
  return done(by, outcome === "bootstrap" ? "bootstrap" : "add", email, said, {
    roles: input.roles,
    osUser: input.osUser ?? null,
    ...(outcome === "bootstrap" ? { bootstrap: "the first administrator: no enabled administrator existed" } : {}),
  });
}

async function existing(email: string) {
  return db.user.findUnique({ where: { email: normal(email) } });
}

/** A new password signs the user out everywhere and revokes their API tokens (minted under the old one). */
export async function changePassword(email: string, password: string, by: Administrator): Promise<AdminResult> {
  const no = await mayAdminister(by, "passwd", normal(email));
  if (no) return no;
  const user = await existing(email);
  if (!user) return refusal("not_found", "auth.noSuchUser", { email });
  const problem = passwordProblem(password);
  if (problem) return refusal("invalid", problem);
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  const revoked = await revokeTokensOf(user.id);
  await revokeSessions(user.id);
  return done(by, "passwd", user.email, text("auth.passwordChanged", { email: user.email, tokens: revoked }), {
    tokens_revoked: revoked,
  });
}

async function revokeTokensOf(userId: number): Promise<number> {
  return (await db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } })).count;
}

export async function setRoles(email: string, roles: Role[], by: Administrator): Promise<AdminResult> {
  const no = await mayAdminister(by, "roles", normal(email));
  if (no) return no;
  const outcome = await inTurn(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: normal(email) } });
    if (!user) return refusal("not_found", "auth.noSuchUser", { email });
    // The last administrator keeps the role: without one, the first-administrator door would open again.
    if (
      userRoles(user.roles).includes(ADMIN) &&
      !roles.includes(ADMIN) &&
      !user.disabled &&
      (await otherAdministrators(tx, user.id)) === 0
    )
      return refusal("conflict", "auth.lastAdmin", { email: user.email });
    await tx.user.update({ where: { id: user.id }, data: { roles: JSON.stringify(roles) } });
    return user;
  });
  if ("ok" in outcome) return refused(by, "roles", normal(email), outcome);
  return done(
    by,
    "roles",
    outcome.email,
    roles.length
      ? text("auth.rolesSet", { email: outcome.email, roles: roles.join(", ") })
      : text("auth.rolesNone", { email: outcome.email }),
    { roles },
  );
}

export async function disableUser(email: string, by: Administrator): Promise<AdminResult> {
  const no = await mayAdminister(by, "disable", normal(email));
  if (no) return no;
  const outcome = await inTurn(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: normal(email) } });
    if (!user) return refusal("not_found", "auth.noSuchUser", { email });
    if (userRoles(user.roles).includes(ADMIN) && !user.disabled && (await otherAdministrators(tx, user.id)) === 0)
      return refusal("conflict", "auth.lastAdmin", { email: user.email });
    await tx.user.update({ where: { id: user.id }, data: { disabled: true } });
    return user;
  });
  if ("ok" in outcome) return refused(by, "disable", normal(email), outcome);
  await revokeTokensOf(outcome.id);
  await revokeSessions(outcome.id);
  return done(by, "disable", outcome.email, text("auth.disabled", { email: outcome.email }));
}

/** Their own tokens, or an administrator. */
async function mayHandleTokensOf(by: Administrator, userId: number, action: string, target: string) {
  return by?.id === userId ? null : mayAdminister(by, action, target);
}

async function mint(userId: number, label: string): Promise<{ token: string; id: number }> {
  const token = `pdt_${crypto.randomBytes(32).toString("base64url")}`;
  const row = await db.apiToken.create({
    // A demo's token is bound to demo mode: it is refused by a deployment outside it (lib/auth/users.ts).
    data: { userId, tokenHash: tokenHash(token), label: label.slice(0, 100), demo: config().demo },
    select: { id: true },
  });
  return { token, id: row.id };
}

/** A new API token for the user (yourself, or anyone by an administrator): shown once, stored as its sha256 only. */
export async function createToken(email: string, label: string, by: Administrator): Promise<AdminResult> {
  const user = await existing(email);
  const no = await mayHandleTokensOf(by, user?.id ?? -1, "token", normal(email));
  if (no) return no;
  if (!user || user.disabled) return refusal("not_found", "auth.noSuchActiveUser", { email });
  const { token, id } = await mint(user.id, label);
  const said = text("auth.tokenCreated", { email: user.email, label, id });
  await done(by, "token", user.email, said, { label, token_id: id, demo: config().demo });
  return { ok: true, ...told(said), token, tokenId: id };
}

/** `user login EMAIL`: your own token, for your password — how a person gets PARTITION_DESK_TOKEN (throttled like sign-in). */
export async function loginToken(email: string, password: string): Promise<AdminResult> {
  const signedIn = await authenticate(email, password, { device: null, address: `cli:${osUser()}` });
  if (!signedIn.ok) return refusal("unauthenticated", signedIn.text);
  const me = signedIn.actor;
  const { token, id } = await mint(me.id, "login");
  const said = text("auth.tokenCreated", { email: me.email, label: "login", id });
  await done(me, "token", me.email, said, { label: "login", token_id: id, demo: config().demo });
  return { ok: true, ...told(said), token, tokenId: id };
}

export interface TokenListing {
  id: number;
  label: string;
  created_at: string;
  revoked_at: string | null;
  /** Minted in demo mode: counts only there. */
  demo: boolean;
}

/** A user's tokens (never the tokens themselves: only their sha256 is stored), for themselves or an administrator. */
export async function listTokens(email: string, by: Administrator): Promise<TokenListing[] | Refused> {
  const user = await existing(email);
  const no = await mayHandleTokensOf(by, user?.id ?? -1, "tokens", normal(email));
  if (no) return no;
  if (!user) return refusal("not_found", "auth.noSuchUser", { email });
  const rows = await db.apiToken.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    created_at: r.createdAt.toISOString(),
    revoked_at: r.revokedAt?.toISOString() ?? null,
    demo: r.demo,
  }));
}

/** Revokes one token by its id (`user tokens` lists them): its owner, or an administrator. */
export async function revokeToken(id: number, by: Administrator): Promise<AdminResult> {
  const row = await db.apiToken.findUnique({ where: { id }, include: { user: { select: { email: true } } } });
  const no = await mayHandleTokensOf(by, row?.userId ?? -1, "revoke", `token ${id}`);
  if (no) return no;
  if (!row) return refusal("not_found", "auth.noSuchToken", { id });
  if (row.revokedAt) return refusal("conflict", "auth.tokenAlreadyRevoked", { id });
  await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  return done(by, "revoke", row.user.email, text("auth.tokenRevoked", { id, email: row.user.email }), { token_id: id });
}

export async function listUsers(
  by: Administrator,
): Promise<{ email: string; name: string; roles: string[]; disabled: boolean; osUser: string | null }[] | Refused> {
  const no = await mayAdminister(by, "list", "(accounts)");
  if (no) return no;
  const users = await db.user.findMany({
    orderBy: { email: "asc" },
    select: { email: true, name: true, roles: true, disabled: true, osUser: true },
  });
  return users.map((u) => ({ ...u, roles: userRoles(u.roles) }));
}
