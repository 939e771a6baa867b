"use client";

import { keepTyped } from "@/components/keep-typed";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { signIn, type SignInState } from "@/app/login/actions";

export function SignInForm({ next }: { next?: string }) {
  const t = useTranslations("login");
  const [state, action, pending] = useActionState<SignInState, FormData>(signIn, {});
  // Controlled, so a refused sign-in keeps the email typed (a form action resets uncontrolled fields).
  const [email, setEmail] = useState("");
  return (
    <form onSubmit={keepTyped(action)} className="panel form" aria-describedby="sign-in-error">
      <input type="hidden" name="next" value={next ?? ""} />
      <label>
        {t("email")}
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={Boolean(state.fieldErrors?.email)}
          aria-describedby="email-error"
        />
      </label>
      <p id="email-error" className="field-error" aria-live="polite">
        {state.fieldErrors?.email}
      </p>
      <label>
        {t("password")}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={Boolean(state.fieldErrors?.password)}
          aria-describedby="password-error"
        />
      </label>
      <p id="password-error" className="field-error" aria-live="polite">
        {state.fieldErrors?.password}
      </p>
      <button type="submit" disabled={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </button>
      <p id="sign-in-error" role="alert" className="field-error">
        {state.message}
      </p>
    </form>
  );
}
