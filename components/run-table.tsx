import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { ActionButton, type ActionState } from "@/components/action-button";
import { assetName } from "@/lib/domain/assets";
import type { Locale } from "@/lib/i18n/locales";
import { isRunStatus } from "@/lib/domain/backfill";
import type { RunReview, RunRow } from "@/lib/views/runs";
import { utcTimestamp } from "@/lib/domain/partition";
import { runErrorText, targetAssets } from "@/lib/store-json";
import { recordedParts } from "@/lib/i18n/text";
import { Said } from "@/components/said";
import { ScrollTable } from "@/components/scroll-table";

export const ACTIVE_RUN_STATUSES = ["queued", "running"];

function when(d: Date | null): string {
  return d ? utcTimestamp(d) : "—";
}

type T = ReturnType<typeof useTranslations<"runs">>;

/** Where a run is, in words: the step it is on, or where it stopped and why that is not "done". */
function progressText(t: T, locale: Locale, r: RunRow, assets: string[]): string {
  const steps = t("steps", { done: r.stepsDone, total: assets.length });
  const expected = r.expectedCount ?? "?";
  if (r.status === "queued") return t("progressQueued", { expected });
  if (r.status === "running")
    return t("progressRunning", {
      steps,
      asset: assetName(assets[r.stepsDone] ?? assets.at(-1)!, locale),
      rows: r.rowsDone,
      expected,
    });
  if (r.status === "succeeded") return t("progressSucceeded", { steps, rows: r.rowsDone, expected });
  if (r.status === "cancelled") return t("progressCancelled", { steps });
  return t("progressStopped", { asset: assetName(assets[r.stepsDone] ?? assets.at(-1)!, locale), steps });
}

/** A run's review, in words; a decided or awaited one links to its evidence. */
export function RunReviewCell({ runId, review }: { runId: number; review: RunReview }) {
  const t = useTranslations("runs.review");
  const decisions = useTranslations("reviewState");
  if (review.kind === "decided" || review.kind === "unsigned") {
    const decision =
      review.decision === "approved" || review.decision === "rejected" ? decisions(review.decision) : review.decision;
    return <Link href={`/evidence/${runId}`}>{t(review.kind, { decision, reviewer: review.reviewer })}</Link>;
  }
  if (review.kind === "superseded")
    return <Link href={`/evidence/${review.latest}`}>{t("superseded", { latest: review.latest })}</Link>;
  return review.kind === "awaiting" ? <Link href={`/evidence/${runId}`}>{t("awaiting")}</Link> : <>{t(review.kind)}</>;
}

/** A run status as a word in the reader's language (the CSS class keeps the token). */
export function RunStatus({ status }: { status: string }) {
  const t = useTranslations("runStatus");
  const word = isRunStatus(status) ? t(status) : status;
  return <span className={`run-status run-${status}`}>{word}</span>;
}

/** Runs with live progress (asset steps and rows written / expected) and, given the page's cancel action, a Cancel button. */
export function RunTable({
  runs,
  cancelAction,
  showPartition,
}: {
  runs: RunRow[];
  cancelAction?: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  showPartition: boolean;
}) {
  const t = useTranslations("runs");
  const locale = useLocale();
  return (
    <ScrollTable>
      <thead>
        <tr>
          <th scope="col">{t("colRun")}</th>
          {showPartition && <th scope="col">{t("colPartition")}</th>}
          <th scope="col">{t("colAction")}</th>
          <th scope="col">{t("colStatus")}</th>
          <th scope="col">{t("colProgress")}</th>
          <th scope="col">{t("colAttempt")}</th>
          <th scope="col">{t("colOperator")}</th>
          <th scope="col">{t("colStarted")}</th>
          <th scope="col">{t("colReview")}</th>
          <th scope="col">{t("colError")}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const assets = targetAssets(r.targetAssets);
          const active = ACTIVE_RUN_STATUSES.includes(r.status);
          const fraction = assets.length ? r.stepsDone / assets.length : 0;
          return (
            <tr key={r.id}>
              <td>
                <Link href={`/runs/${r.id}`}>#{r.id}</Link>
              </td>
              {showPartition && (
                <td>
                  <Link href={`/partitions/${r.partitionKey}`}>{r.partitionKey}</Link>
                </td>
              )}
              <td>{r.action}</td>
              <td>
                <RunStatus status={r.status} />
                {r.failedChecks > 0 && (
                  <div className="small error-text">{t("checksFailed", { count: r.failedChecks })}</div>
                )}
              </td>
              <td className="small">
                <progress max={assets.length} value={r.stepsDone} aria-label={t("progressLabel", { id: r.id })}>
                  {Math.round(fraction * 100)}%
                </progress>
                <div>{progressText(t, locale, r, assets)}</div>
                {cancelAction && active && (
                  <ActionButton
                    action={cancelAction}
                    fields={{ runId: String(r.id), control: "cancel" }}
                    label={t("cancel")}
                    pendingLabel={t("cancelling")}
                    className="secondary"
                  />
                )}
              </td>
              <td>
                {r.attempt}
                {r.retryOfRunId ? (
                  <>
                    {" "}
                    ({t("retryOf")} <Link href={`/runs/${r.retryOfRunId}`}>#{r.retryOfRunId}</Link>)
                  </>
                ) : (
                  ""
                )}
              </td>
              <td>{r.operator}</td>
              <td className="small">{when(r.startedAt)}</td>
              <td className="small">
                <RunReviewCell runId={r.id} review={r.review} />
              </td>
              <td className="small error-text">
                {r.error !== null && <Said parts={recordedParts(runErrorText(r.errorText), r.error, locale)} />}
              </td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
