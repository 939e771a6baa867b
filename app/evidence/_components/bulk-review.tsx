"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useAssetName } from "@/components/asset-name";
import { useActionState, useState } from "react";
import { bulkReviewAction, type BulkReviewFormState } from "@/app/evidence/actions";
import { keepTyped } from "@/components/keep-typed";
import type { BackfillReviewRow } from "@/lib/views/evidence-queue";
import { ScrollTable } from "@/components/scroll-table";

/**
 * One decision, one reason, many runs, each shown with its checks that did not pass. The server judges every selected
 * run exactly as alone — your own runs, superseded runs and runs whose checks failed are refused there (not approved,
 * which is not the same as rejected) and listed below with why.
 */
export function BulkReview({ rows, me, releasesTo }: { rows: BackfillReviewRow[]; me: string; releasesTo: string }) {
  const t = useTranslations("bulkReview");
  const states = useTranslations("reviewState");
  const assetName = useAssetName();
  const [state, action, pending] = useActionState<BulkReviewFormState, FormData>(bulkReviewAction, {});
  const awaiting = rows.filter((r) => r.state === "awaiting review");
  // Runs arrive while the page follows a backfill: every run awaiting review is selected unless unticked.
  const [unticked, setUnticked] = useState<Set<number>>(() => new Set());
  const selected = new Set(awaiting.filter((r) => !unticked.has(r.runId)).map((r) => r.runId));
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const allSelected = awaiting.length > 0 && awaiting.every((r) => selected.has(r.runId));
  const toggle = (runId: number) =>
    setUnticked((s) => {
      const next = new Set(s);
      if (next.has(runId)) next.delete(runId);
      else next.add(runId);
      return next;
    });
  const own = awaiting.filter((r) => selected.has(r.runId) && r.operator === me).length;
  const n = selected.size;
  // Every selected run is the reader's own: the server refuses each approval (separation of duties), so the button
  // is off and says why, as on a single run's page. Rejecting stays open.
  const allOwn = n > 0 && own === n;

  return (
    <form
      onSubmit={(event) => {
        keepTyped(action)(event);
        setConfirming(false);
      }}
      className="form bulk-review"
      aria-label={t("label")}
    >
      <ScrollTable className="table compact">
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label={t("selectAll")}
                checked={allSelected}
                disabled={awaiting.length === 0}
                onChange={() => setUnticked(allSelected ? new Set(awaiting.map((r) => r.runId)) : new Set())}
              />
            </th>
            <th scope="col">{t("colPartition")}</th>
            <th scope="col">{t("colRun")}</th>
            <th scope="col">{t("colState")}</th>
            <th scope="col">{t("colChecks")}</th>
            <th scope="col">{t("colStartedBy")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const selectable = r.state === "awaiting review";
            return (
              <tr key={r.runId}>
                <td>
                  {selectable && (
                    <input
                      type="checkbox"
                      name="runId"
                      value={r.runId}
                      checked={selected.has(r.runId)}
                      onChange={() => toggle(r.runId)}
                      aria-label={t("selectRun", { runId: r.runId, key: r.partitionKey })}
                    />
                  )}
                </td>
                <td>{r.partitionKey}</td>
                <td>
                  <Link href={`/evidence/${r.runId}`}>#{r.runId}</Link>
                </td>
                <td>{states(r.state)}</td>
                <td className="small">
                  {t("checksLine", { passed: r.checksPassed, total: r.checksPassed + r.checksFailed + r.warnings })}
                  {r.notPassed.length > 0 && (
                    <ul className="summary-list">
                      {r.notPassed.map((c) => (
                        <li
                          key={`${c.asset}-${c.name}`}
                          className={c.severity === "blocking" ? "error-text" : "warning-text"}
                        >
                          {t(c.severity === "blocking" ? "checkFailed" : "checkWarning", {
                            name: c.name,
                            asset: assetName(c.asset),
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {r.operator}
                  {r.operator === me && (
                    <>
                      {" "}
                      <span className="tag">{t("yourRun")}</span>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
      {awaiting.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <>
          <label>
            {t("reason")}
            <textarea
              name="reason"
              rows={2}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          {own > 0 && (
            <p className="warning" role="note" id="bulk-own-runs">
              {allOwn ? t("ownAll", { count: own }) : t("own", { count: own })}
            </p>
          )}
          {confirming && n > 0 && !allOwn ? (
            <div className="confirm" role="group" aria-label={t("confirm")}>
              <p>{t("question", { count: n, releasesTo })}</p>
              <div className="inline-form">
                <button type="submit" name="decision" value="approved" disabled={pending || n === 0}>
                  {pending ? t("reviewing") : t("yes", { count: n })}
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
                disabled={pending || n === 0 || allOwn}
                aria-describedby={allOwn ? "bulk-own-runs" : undefined}
                onClick={() => setConfirming(true)}
              >
                {t("approveSelected", { count: n })}
              </button>
              <button type="submit" name="decision" value="rejected" className="danger" disabled={pending || n === 0}>
                {t("rejectSelected", { count: n })}
              </button>
            </div>
          )}
        </>
      )}
      <div role="status" aria-live="polite">
        {state.message && <p className={state.result ? "" : "field-error"}>{state.message}</p>}
        {state.result && state.result.reviewed.length > 0 && (
          <>
            <h3 className="small">{state.result.decision === "approved" ? t("approved") : t("rejected")}</h3>
            <ul className="small" aria-label={t("reviewedRuns")}>
              {state.result.reviewed.map((r) => (
                <li key={r.runId}>{t("runLine", { runId: r.runId, key: r.partitionKey })}</li>
              ))}
            </ul>
          </>
        )}
        {state.result && state.result.refused.length > 0 && (
          <>
            <h3 className="small">{t("refused", { decision: state.result.decision })}</h3>
            <ul className="small" aria-label={t("refusedRuns")}>
              {state.result.refused.map((r) => (
                <li key={r.runId}>
                  {r.partitionKey
                    ? t("runLine", { runId: r.runId, key: r.partitionKey })
                    : t("runRef", { runId: r.runId })}
                  : {r.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </form>
  );
}
