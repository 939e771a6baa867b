"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { revertDrillAction, type RevertFormState } from "@/app/drills/actions";
import { ConfirmGroup } from "@/components/confirm-group";

/**
 * Preview a drill's revert, then revert exactly what was previewed: Revert is enabled only after a preview of this
 * drill (its token binds the drill's and its partition's state; the server refuses it once either moved on), and
 * asks for a confirmation naming the partition.
 */
export function RevertDrillForm({
  drillId,
  kind,
  target,
  partitionKey,
  reverted,
}: {
  drillId: number;
  kind: string;
  /** "partition 2026-04-09", or "the manifests". */
  target: string;
  partitionKey: string | null;
  /** Reverted already (by this form's answer, which stays on screen, or before it was opened). */
  reverted: boolean;
}) {
  const t = useTranslations("revertForm");
  const [state, action, pending] = useActionState<RevertFormState, FormData>(revertDrillAction, {});
  const [confirmingFor, setConfirmingFor] = useState<string | null>(null);
  const previewed = state.intent === "preview" && state.ok === true && Boolean(state.token);
  // The confirmation belongs to the preview it was opened for: a new answer closes it.
  const confirming = previewed && confirmingFor === state.token;
  const done = state.intent === "revert" && state.ok === true;
  return (
    <form action={action} className="form" aria-label={t("label", { id: drillId })}>
      <input type="hidden" name="drillId" value={drillId} />
      {previewed && <input type="hidden" name="token" value={state.token} />}
      {previewed && state.planId && <input type="hidden" name="planId" value={state.planId} />}
      {reverted && !done && <p className="muted">{t("alreadyReverted", { id: drillId })}</p>}
      {!reverted && !done && (
        <div className="inline-form wrap">
          <button type="submit" name="intent" value="preview" className="secondary" disabled={pending}>
            {t("preview")}
          </button>
          {!confirming && (
            <button
              type="button"
              disabled={pending || !previewed}
              onClick={() => setConfirmingFor(state.token ?? null)}
              title={previewed ? undefined : t("previewFirst")}
            >
              {t("revert")}
            </button>
          )}
        </div>
      )}
      {confirming && (
        <ConfirmGroup
          label={t("confirm", { id: drillId })}
          question={t("question", { id: drillId, kind, target })}
          yes={t("yes", { target })}
          notNow={t("notNow")}
          intent="revert"
          pending={pending}
          onCancel={() => setConfirmingFor(null)}
        />
      )}
      <div role="status" aria-live="polite" className={state.ok === false ? "field-error" : "small"}>
        {state.message}
        {state.recoverAt && (
          <>
            {" "}
            <Link href={`/partitions/${state.recoverAt}`}>{t("recover", { key: state.recoverAt })}</Link>
          </>
        )}
        {state.lines && (
          <>
            {previewed && <strong>{t("previewOf", { target })}</strong>}
            <ul>
              {state.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
            {previewed && state.planId && (
              <Link href={`/plans/${state.planId}`}>{t("openPlan", { id: state.planId })}</Link>
            )}
          </>
        )}
        {done && partitionKey && <Link href={`/partitions/${partitionKey}`}>{t("follow", { key: partitionKey })}</Link>}
      </div>
    </form>
  );
}
