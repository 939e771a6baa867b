// Who may do what. Pure: the grants come from the recovery policy (roles); every server action and route
// handler asks this, never the page alone.
export const ROLES = ["viewer", "operator", "reviewer"] as const;
export type Role = (typeof ROLES)[number];

/** approve_plan: the second person's yes on a plan that rewrites released partitions (policy blast_radius). */
export const PERMISSIONS = ["read", "plan", "execute", "review", "drill", "approve_plan"] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Grants = Record<Permission, readonly Role[]>;

export interface Actor {
  email: string;
  roles: Role[];
}

export function can(actor: Actor | null, permission: Permission, grants: Grants): boolean {
  return actor !== null && actor.roles.some((r) => grants[permission].includes(r));
}

export function refusalMessage(actor: Actor | null, permission: Permission, grants: Grants): string {
  if (!actor) return "sign in first";
  return `${actor.email} (${actor.roles.join(", ") || "no role"}) may not ${permission}: policy rule roles.${permission} allows ${grants[permission].join(" or ")}`;
}
