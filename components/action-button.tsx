"use client";

import { useActionState } from "react";

/** What a one-button action answers: a message shown beside the button. */
export interface ActionState {
  message?: string;
  ok?: boolean;
  drifted?: boolean;
}

/** A one-button form for a server action taking hidden fields; its answer is shown beside it. */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  className,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, {});
  return (
    <form action={formAction} className="inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} className={className}>
        {pending ? pendingLabel : label}
      </button>
      <span role="status" aria-live="polite" className={state.drifted ? "field-error" : "small"}>
        {state.message}
      </span>
    </form>
  );
}
