"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useCallback, useEffect, useState } from "react";
import { backfillControlAction, type ControlFormState } from "@/app/backfills/actions";
import { useDuration } from "@/app/backfills/_components/duration";
import {
  FINISHED_BACKFILL,
  RUN_STATUSES,
  byMonth,
  isRunStatus,
  percentDone,
  type BackfillStatus,
} from "@/lib/domain/backfill";
import type { BackfillProgress } from "@/lib/engine/backfill";
import { ScrollTable } from "@/components/scroll-table";

function Control({
  backfillId,
  control,
  label,
  pendingLabel,
  className,
  onDone,
  confirm,
  children,
}: {
  backfillId: number;
  control: string;
  label: string;
  pendingLabel: string;
  className?: string;
  onDone: () => void;
  /** Ask before acting: what will happen, and the two answers. */
  confirm?: { group: string; question: string; yes: string; no: string };
  children?: React.ReactNode;
}) {
  const [state, action, pending] = useActionState<ControlFormState, FormData>(backfillControlAction, {});
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    if (state.message) onDone();
  }, [state, onDone]);
  return (
    <form action={action} className="inline-form" onSubmit={() => setAsking(false)}>
      <input type="hidden" name="backfillId" value={backfillId} />
      <input type="hidden" name="control" value={control} />
      {children}
      {confirm && asking ? (
        <div className="confirm" role="group" aria-label={confirm.group}>
          <p>{confirm.question}</p>
          <div className="inline-form">
            <button type="submit" disabled={pending} className={className}>
              {pending ? pendingLabel : confirm.yes}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(false)}>
              {confirm.no}
            </button>
          </div>
        </div>
      ) : confirm ? (
        <button type="button" disabled={pending} className={className} onClick={() => setAsking(true)}>
          {pending ? pendingLabel : label}
        </button>
      ) : (
        <button type="submit" disabled={pending} className={className}>
          {pending ? pendingLabel : label}
        </button>
      )}
      <span role="status" aria-live="polite" className={state.ok ? "small" : "field-error"}>
        {state.message}
      </span>
    </form>
  );
}

const failedWithReason = (c: BackfillProgress["partitions"][number]) => Boolean(c.error) && c.status !== "cancelled";

/** A backfill's progress, refreshed every second from GET /api/backfills/<id> while it is not finished. */
export function BackfillLive({
  initial,
  mayControl,
  concurrencyLimit,
}: {
  initial: BackfillProgress;
  mayControl: boolean;
  concurrencyLimit: number;
}) {
  const t = useTranslations("backfillPage");
  const statusWords = useTranslations("backfillStatus");
  const [p, setP] = useState(initial);
  const duration = useDuration();
  const stripWord = (status: string) => (isRunStatus(status) ? t(`stripWord.${status}`) : status);
  const status = p.status as BackfillStatus;
  const finished = FINISHED_BACKFILL.includes(p.status);
  const refresh = useCallback(async () => {
    const res = await fetch(`/api/backfills/${initial.id}`, { cache: "no-store" });
    if (res.ok) setP((await res.json()) as BackfillProgress);
  }, [initial.id]);
  useEffect(() => {
    if (finished) return;
    const timer = setInterval(() => void refresh(), 1000);
    return () => clearInterval(timer);
  }, [finished, refresh]);
  // The rest of the page (the window's review) was drawn while the runs ran: draw it again once they are done.
  const router = useRouter();
  const finishedHere = finished && !FINISHED_BACKFILL.includes(initial.status);
  useEffect(() => {
    if (finishedHere) router.refresh();
  }, [finishedHere, router]);

  const canPause = p.status === "queued" || p.status === "running";
  const canCancel = canPause || p.status === "paused";
  const canReexecute = finished && p.counts.failed + p.counts.cancelled > 0;

  return (
    <>
      <section className="panel" aria-labelledby="progress-heading">
        <div className="page-head">
          <div>
            <h2 id="progress-heading">
              {t("status")} <span className={`run-status backfill-${p.status}`}>{statusWords(`label.${status}`)}</span>
            </h2>
            <p className="muted small">{statusWords(`description.${status}`)}</p>
          </div>
          {!finished && (
            <p className="muted small" role="status">
              {t("live")}
            </p>
          )}
        </div>
        <p className="percent-done">
          <strong>{t("percent", { percent: percentDone(p.counts.done, p.partitionCount) })}</strong>{" "}
          {t("percentDone", { done: p.counts.done, total: p.partitionCount })}
        </p>
        <div
          className="stacked-bar"
          role="img"
          aria-label={t("countsLabel", {
            done: p.counts.done,
            failed: p.counts.failed,
            cancelled: p.counts.cancelled,
            left: p.counts.left,
            total: p.partitionCount,
          })}
        >
          {(["done", "failed", "cancelled"] as const).map((k) =>
            p.counts[k] > 0 ? (
              <span
                key={k}
                className={`bar-${k}`}
                style={{ width: `${(100 * p.counts[k]) / Math.max(1, p.partitionCount)}%` }}
              />
            ) : null,
          )}
        </div>
        <p aria-label={t("counts")}>
          <strong>{p.counts.done}</strong>{" "}
          {t("countsLine", {
            failed: p.counts.failed,
            cancelled: p.counts.cancelled,
            left: p.counts.left,
            running: p.counts.running,
            total: p.partitionCount,
            rows: p.rowsWritten,
            elapsed: duration(p.elapsedMs),
          })}
          {p.counts.left > 0 &&
            (p.status === "paused"
              ? t("etaPaused")
              : p.etaMs !== null && p.status !== "cancelling" && t("eta", { eta: duration(p.etaMs) }))}
        </p>
        {mayControl && (
          <div className="inline-form controls">
            {canPause && (
              <Control
                backfillId={p.id}
                control="pause"
                label={t("pause")}
                pendingLabel={t("pausing")}
                className="secondary"
                onDone={refresh}
              />
            )}
            {p.status === "paused" && (
              <Control
                backfillId={p.id}
                control="resume"
                label={t("resume")}
                pendingLabel={t("resuming")}
                onDone={refresh}
              />
            )}
            {canCancel && (
              <Control
                backfillId={p.id}
                control="cancel"
                label={t("cancelAll")}
                pendingLabel={t("cancelling")}
                className="danger"
                onDone={refresh}
                confirm={{
                  group: t("cancelGroup"),
                  question: t("cancelQuestion", { id: p.id, queued: p.counts.queued, running: p.counts.running }),
                  yes: t("cancelYes", { count: p.counts.left }),
                  no: t("cancelNo"),
                }}
              />
            )}
            {canReexecute && (
              <Control
                backfillId={p.id}
                control="reexecute"
                label={t("reexecute")}
                pendingLabel={t("planning")}
                onDone={refresh}
              />
            )}
          </div>
        )}
        <div className="inline-form controls">
          <span>
            {t("runsAtOnce")} <strong>{t("atMost", { n: p.maxConcurrentRuns })}</strong>
            {concurrencyLimit === 1 && <span className="muted small">{t("sqliteOne")}</span>}
          </span>
          {mayControl && canCancel && concurrencyLimit > 1 && (
            <Control
              backfillId={p.id}
              control="concurrency"
              label={t("set")}
              pendingLabel={t("setting")}
              className="secondary"
              onDone={refresh}
            >
              <label className="small">
                {t("changeTo")}{" "}
                {/* Keyed by the stored value: after a change (here or on another server) it shows what is in force. */}
                <select
                  key={p.maxConcurrentRuns}
                  name="maxConcurrentRuns"
                  defaultValue={p.maxConcurrentRuns}
                  aria-label={t("runsAtOnce")}
                >
                  {Array.from({ length: concurrencyLimit }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            </Control>
          )}
        </div>
      </section>

      <section className="panel" aria-labelledby="strip-heading">
        <h2 id="strip-heading">
          {t("strip", { order: p.runOrder === "oldest_first" ? t("order.oldest_first") : t("order.newest_first") })}
        </h2>
        <ul className="strip-legend small" aria-label={t("stripLegend")}>
          {RUN_STATUSES.map((s) => (
            <li key={s}>
              <span className={`strip-cell strip-${s}`} aria-hidden="true" /> {t(`stripWord.${s}`)}
            </li>
          ))}
          <li>
            <span className="strip-cell strip-succeeded strip-checks-failed" aria-hidden="true" />{" "}
            {t("checksFailedCell")}
          </li>
        </ul>
        <p className="small">
          {t("stripDates", {
            from: p.firstKey,
            to: p.lastKey,
            count: p.partitions.length,
          })}
        </p>
        <ol className="strip" aria-label={t("stripLabel")}>
          {byMonth(p.partitions, (c) => c.partitionKey).map((month) => (
            <li key={`${month.month} ${month.items[0]!.partitionKey}`} className="strip-month">
              <span className="strip-month-label" aria-hidden="true">
                {month.month}
              </span>
              <ol className="strip-cells">
                {month.items.map((c) => {
                  const word = `${stripWord(c.status)}${c.checksFailed ? t("cellChecks", { count: c.checksFailed }) : ""}`;
                  return (
                    <li key={c.partitionKey}>
                      <Link
                        href={`/runs/${c.runId}`}
                        className={`strip-cell strip-${c.status}${c.checksFailed ? " strip-checks-failed" : ""}`}
                        title={`${t("cellTitle", { key: c.partitionKey, word, runId: c.runId })}${c.attempt > 1 ? t("cellAttempt", { attempt: c.attempt }) : ""}${c.status === "running" ? t("cellStep", { step: c.stepsDone + 1, steps: c.steps }) : ""}${c.error ? ` — ${c.errorMessage ?? c.error}` : ""}`}
                      >
                        {/* The day shows; the name says the date and status (a name from content, not aria-label, so
                            what is seen is not at odds with what is heard: WCAG 2.5.3). */}
                        <span aria-hidden="true">{Number(c.partitionKey.slice(8))}</span>
                        <span className="visually-hidden">
                          {t("cellLabel", { key: c.partitionKey, word, runId: c.runId })}
                        </span>
                      </Link>
                    </li>
                  );
                })}
              </ol>
            </li>
          ))}
        </ol>
      </section>

      {/* Why a run failed or was interrupted; cancelled ones are listed with the runs (their reason is the cancel). */}
      {p.partitions.some(failedWithReason) && (
        <section className="panel" aria-labelledby="errors-heading">
          <h2 id="errors-heading">{t("notDone")}</h2>
          <ScrollTable>
            <thead>
              <tr>
                <th scope="col">{t("colPartition")}</th>
                <th scope="col">{t("colRun")}</th>
                <th scope="col">{t("colStatus")}</th>
                <th scope="col">{t("colError")}</th>
              </tr>
            </thead>
            <tbody>
              {p.partitions.filter(failedWithReason).map((c) => (
                <tr key={c.partitionKey}>
                  <td>
                    <Link href={`/partitions/${c.partitionKey}`}>{c.partitionKey}</Link>
                  </td>
                  <td>
                    <Link href={`/runs/${c.runId}`}>{t("runLink", { id: c.runId })}</Link>
                  </td>
                  <td>{stripWord(c.status)}</td>
                  <td className="small error-text">{c.errorMessage ?? c.error}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </section>
      )}
    </>
  );
}
