"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { languageChoiceSchema, signInSchema } from "@/contracts/auth";
import { audit } from "@/lib/audit";
import { rememberDevice, signInClient } from "@/lib/auth/device";
import { currentUser, endSession, startSession } from "@/lib/auth/session";
import { authenticate, setUserLocale } from "@/lib/auth/users";
import { sameSitePath } from "@/lib/http/next-path";
import { readerLocale } from "@/lib/i18n/server";
import { render } from "@/lib/i18n/text";
import { renderIssue, safeParseIn } from "@/lib/i18n/zod";

export interface SignInState {
  message?: string;
  fieldErrors?: Partial<Record<"email" | "password", string>>;
}

export async function signIn(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const locale = await readerLocale();
  const parsed = safeParseIn(signInSchema, Object.fromEntries(formData), locale);
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues)
      fieldErrors[issue.path[0] as "email" | "password"] ??= renderIssue(issue, locale);
    return { fieldErrors };
  }
  const result = await authenticate(parsed.data.email, parsed.data.password, await signInClient(parsed.data.email));
  if (!result.ok) return { message: render(result.text, locale) };
  await startSession(result.actor);
  await rememberDevice(result.actor.email);
  // Reviewers who do not operate land on their queue; everyone else on the calendar.
  const home = result.actor.roles.includes("reviewer") && !result.actor.roles.includes("operator") ? "/evidence" : "/";
  redirect(sameSitePath(parsed.data.next) ?? home);
}

/**
 * The header's switcher: the signed-in user's language, stored with them (any signed-in user may choose theirs).
 * Anything but one of our languages, or nobody signed in, changes nothing.
 */
export async function chooseLanguage(formData: FormData): Promise<void> {
  const parsed = languageChoiceSchema.safeParse({ language: formData.get("language") });
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!parsed.success) return;
  await setUserLocale(user.id, parsed.data.language);
  await audit({
    actor: user.email,
    action: "user.language",
    target: user.email,
    outcome: "ok",
    detail: { language: parsed.data.language },
  });
  revalidatePath("/", "layout");
}

export async function signOut(): Promise<void> {
  await endSession();
  redirect("/login");
}
