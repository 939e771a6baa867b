// Who may do what. Pure: every server action and route handler asks this, never the page alone.
export const ROLES = ["viewer", "operator", "reviewer"] as const;
export type Role = (typeof ROLES)[number];

export type Permission = "read" | "plan" | "execute" | "review" | "drill";

const GRANTS: Record<Permission, readonly Role[]> = {
  read: ["viewer", "operator", "reviewer"],
  plan: ["operator"],
  execute: ["operator"],
  drill: ["operator"],
  review: ["reviewer"],
};

export interface Actor {
  email: string;
  roles: Role[];
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return actor !== null && actor.roles.some((r) => GRANTS[permission].includes(r));
}

export function refusalMessage(actor: Actor | null, permission: Permission): string {
  if (!actor) return "sign in first";
  return `${actor.email} (${actor.roles.join(", ") || "no role"}) may not ${permission}: it needs the ${GRANTS[permission].join(" or ")} role`;
}
