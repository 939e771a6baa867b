// Pages: the signed-in user, or a redirect to the sign-in page. (Actions and route handlers use authorize.)
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";

export async function requireReader(next: string) {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(next)}`);
  return user;
}
