"use client";

import { useActionState, useState } from "react";
import { executePlanAction } from "@/app/plans/actions";
import type { ActionState } from "@/components/action-button";

/**
 * "Execute this plan". A plan that rewrites released partitions first lists them and asks for a yes: week07 and
 * week08 stop consuming them until a reviewer approves the new evidence.
 */
export function ExecutePlanButton({ planId, withdraws }: { planId: string; withdraws: string[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(executePlanAction, {});
  const [confirming, setConfirming] = useState(false);
  const askFirst = withdraws.length > 0;
  return (
    <form action={action} className="form execute-form">
      <input type="hidden" name="planId" value={planId} />
      {askFirst && confirming && (
        <div className="confirm" role="group" aria-label="Confirm withdrawing released partitions">
          <p>
            This plan rewrites <strong>{withdraws.length}</strong> released partition{withdraws.length === 1 ? "" : "s"}: {withdraws.join(", ")}. Week07 and week08 stop consuming{" "}
            {withdraws.length === 1 ? "it" : "them"} until a reviewer approves the new evidence.
          </p>
          <input type="hidden" name="confirmWithdraw" value="yes" />
          <div className="inline-form">
            <button type="submit" disabled={pending}>
              {pending ? "Checking for drift…" : `Yes, execute and withdraw ${withdraws.length} partition${withdraws.length === 1 ? "" : "s"}`}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Not now
            </button>
          </div>
        </div>
      )}
      {!(askFirst && confirming) && (
        <div className="inline-form">
          {askFirst ? (
            <button type="button" onClick={() => setConfirming(true)}>
              Execute this plan…
            </button>
          ) : (
            <button type="submit" disabled={pending}>
              {pending ? "Checking for drift…" : "Execute this plan"}
            </button>
          )}
        </div>
      )}
      <p role="status" aria-live="polite" className={state.drifted || state.ok === false ? "field-error" : "small"}>
        {state.message}
      </p>
    </form>
  );
}
