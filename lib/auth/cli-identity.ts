// Who the CLI acts as — never whoever a flag names: the user of PARTITION_DESK_TOKEN (`user login`, `user token`),
// else the user mapped to this operating-system account (`user add --os-user`), else, in demo mode only, the demo's
// operator. Every command asks the same question, `user` commands included.
import os from "node:os";
import { actorByOsUser, actorByToken, findActor, type UserActor } from "@/lib/auth/users";
import { config } from "@/lib/config";
import { refusal, type Refused } from "@/lib/domain/refusal";

/** The CLI's user; null when it can name none; a refusal for a token that is not one (never a silent fallback). */
export async function cliUser(
  env: Record<string, string | undefined> = process.env,
): Promise<UserActor | null | Refused> {
  const token = env.PARTITION_DESK_TOKEN?.trim();
  if (token) return (await actorByToken(token)) ?? refusal("unauthenticated", "auth.badToken");
  const mapped = await actorByOsUser(os.userInfo().username);
  if (mapped) return mapped;
  return config().demo ? findActor("operator@example.com") : null;
}

export async function cliActor(env: Record<string, string | undefined> = process.env): Promise<UserActor | Refused> {
  return (await cliUser(env)) ?? refusal("unauthenticated", "auth.cliNeedsUser", { osUser: os.userInfo().username });
}
