"use client";

import { useActionState } from "react";
import { approvePlanAction } from "@/app/plans/actions";
import type { ActionState } from "@/components/action-button";
import { keepTyped } from "@/components/keep-typed";

/** The second person's approval of a plan that rewrites released partitions, with the reason the audit keeps. */
export function ApprovePlanForm({ planId }: { planId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(approvePlanAction, {});
  return (
    <form onSubmit={keepTyped(action)} className="form" aria-label="Approve this plan">
      <input type="hidden" name="planId" value={planId} />
      <label>
        Why this rewrite is right (required, audited)
        <textarea name="reason" rows={2} maxLength={1000} required />
      </label>
      <div className="inline-form">
        <button type="submit" disabled={pending}>
          {pending ? "Checking for drift…" : "Approve this plan"}
        </button>
      </div>
      <p role="status" aria-live="polite" className={state.ok ? "ok-text" : "field-error"}>
        {state.message}
      </p>
    </form>
  );
}
