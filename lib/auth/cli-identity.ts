// Who the CLI acts as — never whoever a flag names: the user of PARTITION_DESK_TOKEN (`user token`), else the user
// mapped to this operating-system account (`user add --os-user`), else, in demo mode only, the demo's operator.
import os from "node:os";
import { actorByOsUser, actorByToken, findActor, type UserActor } from "@/lib/auth/users";
import { config } from "@/lib/config";
import { refusal, type Refused } from "@/lib/domain/refusal";

export async function cliActor(env: Record<string, string | undefined> = process.env): Promise<UserActor | Refused> {
  const token = env.PARTITION_DESK_TOKEN?.trim();
  if (token) return (await actorByToken(token)) ?? refusal("unauthenticated", "auth.badToken");
  const osUser = os.userInfo().username;
  const mapped = await actorByOsUser(osUser);
  if (mapped) return mapped;
  if (config().demo) {
    const demo = await findActor("operator@example.com");
    if (demo) return demo;
  }
  return refusal("unauthenticated", "auth.cliNeedsUser", { osUser });
}
