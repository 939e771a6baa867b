"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

/** What planning answers when it refuses (it opens the new plan otherwise). */
export interface PlanFormState {
  message?: string;
}

/**
 * A dry-run plan request: hidden fields say what to plan; the server validates, checks the role and plans.
 * Errors come back as text next to the button (aria-live), never as a thrown page.
 */
export function PlanForm({
  action: planAction,
  fields,
  label,
  children,
  className,
}: {
  /** The page's planning action (app/plans/actions.ts): passed down, so this shared form imports no route. */
  action: (prev: PlanFormState, formData: FormData) => Promise<PlanFormState>;
  fields: Record<string, string>;
  label: string;
  children?: React.ReactNode;
  className?: string;
}) {
  const t = useTranslations("planForm");
  const [state, action, pending] = useActionState<PlanFormState, FormData>(planAction, {});
  return (
    <form action={action} className={className ?? "inline-form"}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="mode" value="dry-run" />
      {children}
      <button type="submit" disabled={pending}>
        {pending ? t("planning") : label}
      </button>
      <span role="status" aria-live="polite" className="field-error">
        {state.message}
      </span>
    </form>
  );
}
