"use client";

import { useActionState } from "react";
import { reviewAction, type ReviewFormState } from "@/app/evidence/actions";

export function ReviewForm({ runId, evidenceId }: { runId: number; evidenceId: number }) {
  const [state, action, pending] = useActionState<ReviewFormState, FormData>(reviewAction, {});
  return (
    <form action={action} className="form review-form" aria-label="Review">
      <input type="hidden" name="runId" value={runId} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <label>
        Reason (required to reject)
        <textarea name="reason" rows={2} aria-invalid={Boolean(state.fieldErrors?.reason)} aria-describedby="reason-error" />
      </label>
      <p id="reason-error" className="field-error" aria-live="polite">
        {state.fieldErrors?.reason}
      </p>
      <div className="inline-form">
        <button type="submit" name="decision" value="approved" disabled={pending}>
          Approve
        </button>
        <button type="submit" name="decision" value="rejected" className="danger" disabled={pending}>
          Reject
        </button>
      </div>
      <p role="alert" className={state.ok ? "ok-text" : "field-error"}>
        {state.message}
      </p>
    </form>
  );
}
