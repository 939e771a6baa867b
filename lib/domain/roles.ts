// Who may do what. Pure: the grants come from the recovery policy (roles); every server action and route
// handler asks this, never the page alone.
import { text, type Text } from "@/lib/i18n/text";
/** admin: manages accounts and their tokens (the CLI's `user` commands); it neither plans nor reviews by itself. */
export const ROLES = ["viewer", "operator", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * approve_plan: the second person's yes on a plan that rewrites released partitions (policy blast_radius).
 * administer_users: add accounts, set roles and passwords, disable, mint and revoke other people's tokens.
 */
export const PERMISSIONS = ["read", "plan", "execute", "review", "drill", "approve_plan", "administer_users"] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Grants = Record<Permission, readonly Role[]>;

export interface Actor {
  email: string;
  roles: Role[];
}

export function can(actor: Actor | null, permission: Permission, grants: Grants): boolean {
  return actor !== null && actor.roles.some((r) => grants[permission].includes(r));
}

/** Why `actor` may not: the policy rule named as a token, the same in every language. */
export function refusalText(actor: Actor | null, permission: Permission, grants: Grants): Text {
  if (!actor) return text("auth.signInFirst");
  return text("auth.mayNot", {
    email: actor.email,
    roles: actor.roles.join(", ") || text("auth.noRole"),
    permission,
    allowed: grants[permission].join(" or "),
  });
}
