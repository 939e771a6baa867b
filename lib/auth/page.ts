// Pages: a signed-in user who may read, or a redirect to the sign-in page (actions and route handlers use
// authorize). A session without the read permission (no role) sees nothing.
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { policy } from "@/lib/policy";

export async function requireReader(next: string) {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(next)}`);
  if (!can(user, "read", policy().roles)) redirect("/login?denied=1");
  return user;
}
