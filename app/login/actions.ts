"use server";

import { redirect } from "next/navigation";
import { signInSchema } from "@/contracts/auth";
import { endSession, startSession } from "@/lib/auth/session";
import { authenticate } from "@/lib/auth/users";

export interface SignInState {
  message?: string;
  fieldErrors?: Partial<Record<"email" | "password", string>>;
}

export async function signIn(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as "email" | "password"] ??= issue.message;
    return { fieldErrors };
  }
  const actor = await authenticate(parsed.data.email, parsed.data.password);
  if (!actor) return { message: "Unknown email or wrong password." };
  await startSession(actor.email);
  // Reviewers who do not operate land on their queue; everyone else on the calendar.
  redirect(parsed.data.next ?? (actor.roles.includes("reviewer") && !actor.roles.includes("operator") ? "/evidence" : "/"));
}

export async function signOut(): Promise<void> {
  await endSession();
  redirect("/login");
}
