// Accounts in the store: look-up by email, password check, and the demo accounts the seed creates.
import { audit } from "@/lib/audit";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { ROLES, type Actor, type Role } from "@/lib/domain/roles";

export const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "operator@example.com", name: "Olivia Operator", roles: ["operator"] },
  { email: "reviewer@example.com", name: "Rui Reviewer", roles: ["reviewer"] },
  { email: "viewer@example.com", name: "Vera Viewer", roles: ["viewer"] },
  { email: "lead@example.com", name: "Lee Lead", roles: ["operator", "reviewer"] },
];

export async function seedDemoUsers(): Promise<void> {
  const password = config().demoPassword;
  for (const u of DEMO_USERS) {
    await db.user.upsert({
      where: { email: u.email },
      create: { email: u.email, name: u.name, roles: JSON.stringify(u.roles), passwordHash: hashPassword(password) },
      update: {},
    });
  }
}

function toActor(user: { email: string; roles: string }): Actor {
  const roles = (JSON.parse(user.roles) as string[]).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return { email: user.email, roles };
}

export async function findActor(email: string): Promise<(Actor & { name: string }) | null> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  return user ? { ...toActor(user), name: user.name } : null;
}

/** Checks a password; both outcomes are audited. */
export async function authenticate(email: string, password: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  const ok = user !== null && verifyPassword(password, user.passwordHash);
  await audit({ actor: email.toLowerCase(), action: "auth.sign_in", target: email.toLowerCase(), outcome: ok ? "ok" : "refused", detail: ok ? {} : { reason: "unknown email or wrong password" } });
  return ok ? toActor(user) : null;
}
