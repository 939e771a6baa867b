// Route handlers: a signed-in user with the permission; for reads, the downstream consumers' bearer token; for
// scripts, a user's API token (`npm run -s cli -- user token`) as a bearer token, with that user's roles.
import crypto from "node:crypto";
import { actorByToken } from "@/lib/auth/users";
import { authorize, refuseAuthorization, type Authorization } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { can, refusalText, type Permission } from "@/lib/domain/roles";
import { text } from "@/lib/i18n/text";
import { policy } from "@/lib/policy";

function bearer(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  return header.startsWith("Bearer ") ? header.slice(7).slice(0, 512) : null;
}

export function bearerTokenValid(request: Request): boolean {
  const given = Buffer.from(bearer(request) ?? "");
  const expected = Buffer.from(config().consumerApiToken);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export async function authorizeRequest(
  request: Request,
  permission: Permission,
  target: string,
): Promise<Authorization> {
  if (permission === "read" && bearerTokenValid(request))
    return { ok: true, user: { email: "downstream-token", roles: ["viewer"] } };
  const token = bearer(request);
  if (token && !bearerTokenValid(request)) {
    const user = await actorByToken(token);
    if (user && can(user, permission, policy().roles)) return { ok: true, user };
    const why = user ? refusalText(user, permission, policy().roles) : text("auth.badBearer");
    return refuseAuthorization(user, permission, target, why);
  }
  return authorize(permission, target);
}
