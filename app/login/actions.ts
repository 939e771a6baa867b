"use server";

import { redirect } from "next/navigation";
import { signInSchema } from "@/contracts/auth";
import { clientAddress, endSession, startSession } from "@/lib/auth/session";
import { authenticate } from "@/lib/auth/users";

export interface SignInState {
  message?: string;
  fieldErrors?: Partial<Record<"email" | "password", string>>;
}

/** Where to go after signing in: a path on this site only — anything that resolves elsewhere is dropped. */
function safeNext(next: string | undefined): string | null {
  if (!next) return null;
  try {
    const base = "http://partition-desk.invalid";
    const url = new URL(next, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

export async function signIn(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as "email" | "password"] ??= issue.message;
    return { fieldErrors };
  }
  const result = await authenticate(parsed.data.email, parsed.data.password, await clientAddress());
  if (!result.ok) return { message: result.message };
  await startSession(result.actor);
  // Reviewers who do not operate land on their queue; everyone else on the calendar.
  const home = result.actor.roles.includes("reviewer") && !result.actor.roles.includes("operator") ? "/evidence" : "/";
  redirect(safeNext(parsed.data.next) ?? home);
}

export async function signOut(): Promise<void> {
  await endSession();
  redirect("/login");
}
