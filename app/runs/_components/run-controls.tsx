"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { runControlAction, type RunControlState } from "@/app/runs/actions";

/** Cancel (queued or running) and, for a running run, Force release with a required reason. */
export function RunControls({ runId, running }: { runId: number; running: boolean }) {
  const t = useTranslations("runControls");
  const [cancelState, cancel, cancelling] = useActionState<RunControlState, FormData>(runControlAction, {});
  const [releaseState, release, releasing] = useActionState<RunControlState, FormData>(runControlAction, {});
  return (
    <div className="run-controls">
      <form action={cancel} className="inline-form">
        <input type="hidden" name="runId" value={runId} />
        <input type="hidden" name="control" value="cancel" />
        <button type="submit" className="secondary" disabled={cancelling}>
          {cancelling ? t("cancelling") : t("cancel")}
        </button>
        <span role="status" aria-live="polite" className={cancelState.ok ? "small" : "field-error"}>
          {cancelState.message}
        </span>
      </form>
      {running && (
        <form action={release} className="form release-form">
          <input type="hidden" name="runId" value={runId} />
          <input type="hidden" name="control" value="release" />
          <label>
            {t("release")}
            <input
              name="reason"
              maxLength={500}
              required
              aria-describedby="release-error"
              placeholder={t("releasePlaceholder")}
            />
          </label>
          <p id="release-error" className="field-error" aria-live="polite">
            {releaseState.fieldErrors?.reason ?? (releaseState.ok ? "" : releaseState.message)}
          </p>
          {releaseState.ok && <p className="small">{releaseState.message}</p>}
          <button type="submit" className="danger" disabled={releasing}>
            {releasing ? t("releasing") : t("forceRelease")}
          </button>
        </form>
      )}
    </div>
  );
}
