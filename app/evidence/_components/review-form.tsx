"use client";

import { keepTyped } from "@/components/keep-typed";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { reviewAction, type ReviewFormState } from "@/app/evidence/actions";

/**
 * Approve or reject. Approval releases what the run built to downstream, so it asks for a confirmation naming the
 * partition and the consumers; for the run's own operator it is disabled, with the reason (the server refuses too).
 */
export function ReviewForm({
  runId,
  evidenceId,
  partitionKey,
  releases,
  approveRefusal,
}: {
  runId: number;
  evidenceId: number;
  partitionKey: string;
  releases: string;
  approveRefusal: string | null;
}) {
  const t = useTranslations("reviewForm");
  const [state, action, pending] = useActionState<ReviewFormState, FormData>(reviewAction, {});
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  return (
    <form onSubmit={keepTyped(action)} className="form review-form" aria-label={t("label")}>
      <input type="hidden" name="runId" value={runId} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <label>
        {t("reason")}
        <textarea
          name="reason"
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={Boolean(state.fieldErrors?.reason)}
          aria-describedby="reason-error"
        />
      </label>
      <p id="reason-error" className="field-error" aria-live="polite">
        {state.fieldErrors?.reason}
      </p>
      {approveRefusal && (
        <p className="warning" role="note" id="approve-refusal">
          {approveRefusal}
        </p>
      )}
      {confirming ? (
        <div className="confirm" role="group" aria-label={t("confirm")}>
          <p>{t("question", { id: runId, key: partitionKey, releases })}</p>
          <div className="inline-form">
            <button type="submit" name="decision" value="approved" disabled={pending}>
              {pending ? t("approving") : t("yes", { key: partitionKey })}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t("notYet")}
            </button>
          </div>
        </div>
      ) : (
        <div className="inline-form">
          <button
            type="button"
            disabled={pending || Boolean(approveRefusal)}
            aria-describedby={approveRefusal ? "approve-refusal" : undefined}
            onClick={() => setConfirming(true)}
          >
            {t("approve")}
          </button>
          <button type="submit" name="decision" value="rejected" className="danger" disabled={pending}>
            {t("reject")}
          </button>
        </div>
      )}
      {/* Only the server's answer here; a missing reason is said once, beside the field. */}
      <p role="alert" className={state.ok ? "ok-text" : "field-error"}>
        {state.fieldErrors ? "" : state.message}
      </p>
    </form>
  );
}
