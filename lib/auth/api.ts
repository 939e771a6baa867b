// Route handlers: a signed-in user with the permission; a user's API token (`npm run -s cli -- user token`) as a
// bearer token, with that user's roles; and, on the routes made for them only, a downstream consumer's own token
// (WEEK07_CONSUMER_TOKEN, WEEK08_CONSUMER_TOKEN): the consumer is who the token says, never what a query claims.
import crypto from "node:crypto";
import { actorByToken } from "@/lib/auth/users";
import { authorize, refuseAuthorization, type Authorization } from "@/lib/auth/session";
import { config } from "@/lib/config";
import type { Consumer } from "@/lib/domain/assets";
import { can, refusalText, type Permission } from "@/lib/domain/roles";
import { text } from "@/lib/i18n/text";
import { policy } from "@/lib/policy";

function bearer(request: Request): string | null {
  const header = request.headers.get("authorization") ?? "";
  return header.startsWith("Bearer ") ? header.slice(7).slice(0, 512) : null;
}

/** The consumer whose token this is (compared in constant time against each), or null. */
export function consumerOfToken(token: string): Consumer | null {
  const given = crypto.createHash("sha256").update(token).digest();
  let found: Consumer | null = null;
  for (const { consumer, token: expected } of config().consumerTokens) {
    // Equal-length digests: the comparison takes the same time whatever the token's length or content.
    if (crypto.timingSafeEqual(given, crypto.createHash("sha256").update(expected).digest())) found = consumer;
  }
  return found;
}

/** The caller of a route: a user, or (where `consumers` allows) a downstream consumer reading through its token. */
export async function authorizeRequest(
  request: Request,
  permission: Permission,
  target: string,
  { consumers = false }: { consumers?: boolean } = {},
): Promise<Authorization> {
  const token = bearer(request);
  if (token === null) return authorize(permission, target);
  const consumer = consumerOfToken(token);
  if (consumer) {
    const actor = { email: `consumer:${consumer}`, roles: [] };
    if (consumers && permission === "read") return { ok: true, user: actor, consumer };
    return refuseAuthorization(actor, permission, target, text("auth.consumerTokenScope", { consumer }));
  }
  const user = await actorByToken(token);
  if (user && can(user, permission, policy().roles)) return { ok: true, user };
  const why = user ? refusalText(user, permission, policy().roles) : text("auth.badBearer");
  return refuseAuthorization(user, permission, target, why);
}
