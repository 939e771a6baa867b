"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { executePlanAction } from "@/app/plans/actions";
import type { ActionState } from "@/components/action-button";

/**
 * "Execute this plan". A plan that rewrites released partitions first lists them and asks for a yes: week07 and
 * week08 stop consuming them until a reviewer approves the new evidence.
 */
export function ExecutePlanButton({ planId, withdraws }: { planId: string; withdraws: string[] }) {
  const t = useTranslations("planButtons");
  const [state, action, pending] = useActionState<ActionState, FormData>(executePlanAction, {});
  const [confirming, setConfirming] = useState(false);
  const askFirst = withdraws.length > 0;
  return (
    <form action={action} className="form execute-form">
      <input type="hidden" name="planId" value={planId} />
      {askFirst && confirming && (
        <div className="confirm" role="group" aria-label={t("confirmGroup")}>
          <p>{t("rewrites", { count: withdraws.length, keys: withdraws.join(", ") })}</p>
          <input type="hidden" name="confirmWithdraw" value="yes" />
          <div className="inline-form">
            <button type="submit" disabled={pending}>
              {pending ? t("checkingDrift") : t("yesWithdraw", { count: withdraws.length })}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t("notNow")}
            </button>
          </div>
        </div>
      )}
      {!(askFirst && confirming) && (
        <div className="inline-form">
          {askFirst ? (
            <button type="button" onClick={() => setConfirming(true)}>
              {t("executeAsk")}
            </button>
          ) : (
            <button type="submit" disabled={pending}>
              {pending ? t("checkingDrift") : t("execute")}
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
