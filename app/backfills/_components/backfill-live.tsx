"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useCallback, useEffect, useState } from "react";
import { backfillControlAction, type ControlFormState } from "@/app/backfills/actions";
import { BACKFILL_STATUS_DESCRIPTIONS, FINISHED_BACKFILL, RUN_STATUS_WORDS, formatDuration } from "@/lib/domain/backfill";
import type { BackfillProgress } from "@/lib/engine/backfill";

function Control({
  backfillId,
  control,
  label,
  pendingLabel,
  className,
  onDone,
  children,
}: {
  backfillId: number;
  control: string;
  label: string;
  pendingLabel: string;
  className?: string;
  onDone: () => void;
  children?: React.ReactNode;
}) {
  const [state, action, pending] = useActionState<ControlFormState, FormData>(backfillControlAction, {});
  useEffect(() => {
    if (state.message) onDone();
  }, [state, onDone]);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="backfillId" value={backfillId} />
      <input type="hidden" name="control" value={control} />
      {children}
      <button type="submit" disabled={pending} className={className}>
        {pending ? pendingLabel : label}
      </button>
      <span role="status" aria-live="polite" className={state.ok ? "small" : "field-error"}>
        {state.message}
      </span>
    </form>
  );
}

/** A backfill's progress, refreshed every second from GET /api/backfills/<id> while it is not finished. */
export function BackfillLive({ initial, mayControl, concurrencyLimit }: { initial: BackfillProgress; mayControl: boolean; concurrencyLimit: number }) {
  const [p, setP] = useState(initial);
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
              Status: <span className={`run-status backfill-${p.status}`}>{p.status.replaceAll("_", " ")}</span>
            </h2>
            <p className="muted small">{BACKFILL_STATUS_DESCRIPTIONS[p.status]}</p>
          </div>
          {!finished && (
            <p className="muted small" role="status">
              Live: updates every second.
            </p>
          )}
        </div>
        <div className="stacked-bar" role="img" aria-label={`${p.counts.done} done, ${p.counts.failed} failed, ${p.counts.cancelled} cancelled, ${p.counts.left} left of ${p.partitionCount}`}>
          {(["done", "failed", "cancelled"] as const).map((k) =>
            p.counts[k] > 0 ? <span key={k} className={`bar-${k}`} style={{ width: `${(100 * p.counts[k]) / Math.max(1, p.partitionCount)}%` }} /> : null,
          )}
        </div>
        <p aria-label="Counts">
          <strong>{p.counts.done}</strong> done · <strong className={p.counts.failed ? "error-text" : ""}>{p.counts.failed}</strong> failed · <strong>{p.counts.cancelled}</strong> cancelled ·{" "}
          <strong>{p.counts.left}</strong> left ({p.counts.running} running) of <strong>{p.partitionCount}</strong> partitions · {p.rowsWritten.toLocaleString("en")} silver rows written · elapsed{" "}
          {formatDuration(p.elapsedMs)}
          {p.etaMs !== null && p.counts.left > 0 && <> · about {formatDuration(p.etaMs)} left</>}
        </p>
        {mayControl && (
          <div className="inline-form controls">
            {canPause && <Control backfillId={p.id} control="pause" label="Pause" pendingLabel="Pausing…" className="secondary" onDone={refresh} />}
            {p.status === "paused" && <Control backfillId={p.id} control="resume" label="Resume" pendingLabel="Resuming…" onDone={refresh} />}
            {canCancel && <Control backfillId={p.id} control="cancel" label="Cancel all" pendingLabel="Cancelling…" className="danger" onDone={refresh} />}
            {canReexecute && <Control backfillId={p.id} control="reexecute" label="Re-execute failed and cancelled partitions" pendingLabel="Planning…" onDone={refresh} />}
          </div>
        )}
        <div className="inline-form controls">
          <span>
            Runs at once: <strong>at most {p.maxConcurrentRuns}</strong>
            {concurrencyLimit === 1 && <span className="muted small"> (this store is SQLite, which has one writer; PostgreSQL runs several at once)</span>}
          </span>
          {mayControl && canCancel && concurrencyLimit > 1 && (
            <Control backfillId={p.id} control="concurrency" label="Set" pendingLabel="Setting…" className="secondary" onDone={refresh}>
              <label className="small">
                change to{" "}
                {/* Keyed by the stored value: after a change (here or on another server) it shows what is in force. */}
                <select key={p.maxConcurrentRuns} name="maxConcurrentRuns" defaultValue={p.maxConcurrentRuns} aria-label="Runs at once">
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
        <h2 id="strip-heading">Partitions, in the order the queue takes them ({p.runOrder.replace("_", " ")})</h2>
        <ul className="strip-legend small" aria-label="Strip legend">
          {Object.entries(RUN_STATUS_WORDS).map(([status, word]) => (
            <li key={status}>
              <span className={`strip-cell strip-${status}`} aria-hidden="true" /> {word}
            </li>
          ))}
          <li>
            <span className="strip-cell strip-succeeded strip-checks-failed" aria-hidden="true" /> done, a blocking check failed
          </li>
        </ul>
        <ol className="strip" aria-label="Partitions of this backfill">
          {p.partitions.map((c) => {
            const word = `${RUN_STATUS_WORDS[c.status] ?? c.status}${c.checksFailed ? `, ${c.checksFailed} blocking check${c.checksFailed === 1 ? "" : "s"} failed` : ""}`;
            return (
              <li key={c.partitionKey}>
                <Link
                  href={`/runs/${c.runId}`}
                  className={`strip-cell strip-${c.status}${c.checksFailed ? " strip-checks-failed" : ""}`}
                  aria-label={`${c.partitionKey} ${word} (run ${c.runId})`}
                  title={`${c.partitionKey}: ${word} — run #${c.runId}${c.attempt > 1 ? `, attempt ${c.attempt}` : ""}${c.status === "running" ? `, step ${c.stepsDone + 1} of ${c.steps}` : ""}${c.error ? ` — ${c.error}` : ""}`}
                />
              </li>
            );
          })}
        </ol>
      </section>

      {p.partitions.some((c) => c.error) && (
        <section className="panel" aria-labelledby="errors-heading">
          <h2 id="errors-heading">Partitions not done, and why</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Partition</th>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {p.partitions
                .filter((c) => c.error)
                .map((c) => (
                  <tr key={c.partitionKey}>
                    <td>
                      <Link href={`/partitions/${c.partitionKey}`}>{c.partitionKey}</Link>
                    </td>
                    <td>
                      <Link href={`/runs/${c.runId}`}>Run #{c.runId}</Link>
                    </td>
                    <td>{RUN_STATUS_WORDS[c.status] ?? c.status}</td>
                    <td className="small error-text">{c.error}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
