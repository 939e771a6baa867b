"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { approvePlanAction } from "@/app/plans/actions";
import type { ActionState } from "@/components/action-button";
import { keepTyped } from "@/components/keep-typed";

/** The second person's approval of a plan that rewrites released partitions, with the reason the audit keeps. */
export function ApprovePlanForm({ planId }: { planId: string }) {
  const t = useTranslations("planButtons");
  const [state, action, pending] = useActionState<ActionState, FormData>(approvePlanAction, {});
  return (
    <form onSubmit={keepTyped(action)} className="form" aria-label={t("approveLabel")}>
      <input type="hidden" name="planId" value={planId} />
      <label>
        {t("whyRight")}
        <textarea name="reason" rows={2} maxLength={1000} required />
      </label>
      <div className="inline-form">
        <button type="submit" disabled={pending}>
          {pending ? t("checkingDrift") : t("approveLabel")}
        </button>
      </div>
      <p role="status" aria-live="polite" className={state.ok ? "ok-text" : "field-error"}>
        {state.message}
      </p>
    </form>
  );
}
