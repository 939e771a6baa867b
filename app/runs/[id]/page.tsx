import Link from "next/link";
import { notFound } from "next/navigation";
import { RunControls } from "@/app/runs/_components/run-controls";
import { LiveUpdates } from "@/components/live-updates";
import { requireReader } from "@/lib/auth/page";
import { assetLabel } from "@/lib/domain/assets";
import { allowed } from "@/lib/policy";
import { runDetail } from "@/lib/views/runs";
import { utcTimestamp } from "@/lib/domain/partition";

export const dynamic = "force-dynamic";

function when(d: Date | null | undefined): string {
  return d ? utcTimestamp(d) : "—";
}

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireReader(`/runs/${id}`);
  const detail = /^\d{1,9}$/.test(id) ? await runDetail(Number(id)) : null;
  if (!detail) notFound();
  const { run, worker, retries, review, leaseLeft } = detail;
  const assets = JSON.parse(run.targetAssets) as string[];
  const active = run.status === "queued" || run.status === "running";

  return (
    <section>
      <nav aria-label="Breadcrumb" className="muted small">
        {run.backfillId ? <Link href={`/backfills/${run.backfillId}`}>Backfill #{run.backfillId}</Link> : <Link href={`/partitions/${run.partitionKey}`}>{run.partitionKey}</Link>} › run #{run.id}
      </nav>
      <div className="page-head">
        <div>
          <h1>
            Run #{run.id}: {run.action} <Link href={`/partitions/${run.partitionKey}`}>{run.partitionKey}</Link>
          </h1>
          <p className="muted">
            status <span className={`run-status run-${run.status}`}>{run.status}</span> · attempt {run.attempt}
            {run.retryOfRunId && (
              <>
                {" "}
                (retry of <Link href={`/runs/${run.retryOfRunId}`}>run #{run.retryOfRunId}</Link>)
              </>
            )}{" "}
            · operator {run.operator}
            {run.planId && (
              <>
                {" "}
                · plan <Link href={`/plans/${run.planId}`}>{run.planId}</Link>
              </>
            )}
          </p>
        </div>
      </div>
      <LiveUpdates />

      <section className="panel" aria-labelledby="where-heading">
        <h2 id="where-heading">Where it stands</h2>
        <dl className="fields">
          <div className="field">
            <dt>Progress</dt>
            <dd>
              <progress max={assets.length} value={run.stepsDone} aria-label={`run ${run.id} progress`} /> {run.stepsDone} of {assets.length} asset steps
              {run.status === "running" && run.stepsDone < assets.length ? ` · now ${assetLabel(assets[run.stepsDone]!)}` : ""}
            </dd>
          </div>
          <div className="field">
            <dt>Worker</dt>
            <dd>
              {worker ? (
                <>
                  {worker.host} (pid {worker.pid}, worker {worker.id.slice(0, 8)}) · last heartbeat {when(worker.heartbeatAt)}
                </>
              ) : (
                "not claimed by a worker yet"
              )}
              {run.status === "running" && leaseLeft !== null && (
                <span className={leaseLeft < 0 ? "error-text" : "muted"}>
                  {" "}
                  · lease {leaseLeft < 0 ? `expired ${-leaseLeft} s ago: any worker will reclaim it` : `renewed, ${leaseLeft} s left`}
                </span>
              )}
            </dd>
          </div>
          <div className="field">
            <dt>Queued / started / finished</dt>
            <dd>
              {when(run.queuedAt)} / {when(run.startedAt)} / {when(run.finishedAt)}
            </dd>
          </div>
          <div className="field">
            <dt>Evidence and review</dt>
            <dd>
              {run.evidence ? <Link href={`/evidence/${run.id}`}>Evidence of run #{run.id}</Link> : "no evidence yet"} · {review}
            </dd>
          </div>
          {run.error && (
            <div className="field">
              <dt>Error</dt>
              <dd className="error-text">{run.error}</dd>
            </div>
          )}
          {retries.length > 0 && (
            <div className="field">
              <dt>Retried as</dt>
              <dd>
                {retries.map((r) => (
                  <Link key={r.id} href={`/runs/${r.id}`}>
                    run #{r.id} (attempt {r.attempt}, {r.status}){" "}
                  </Link>
                ))}
              </dd>
            </div>
          )}
        </dl>
        {active && allowed(user, "execute") && <RunControls runId={run.id} running={run.status === "running"} />}
      </section>

      <section className="panel" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline: every asset step and attempt</h2>
        {run.materializations.length === 0 ? (
          <p className="muted">No step has started yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Attempt</th>
                <th scope="col">Status</th>
                <th scope="col">Rows before → after</th>
                <th scope="col">Started</th>
                <th scope="col">Finished</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {run.materializations.map((m) => (
                <tr key={m.id}>
                  <td>{assetLabel(m.assetKey)}</td>
                  <td>{m.attempt}</td>
                  <td>
                    <span className={`run-status run-${m.status}`}>{m.status === "reverted" ? "reverted (run cancelled, write undone)" : m.status}</span>
                  </td>
                  <td>
                    {m.rowsBefore ?? "—"} → {m.rowsAfter ?? "—"}
                  </td>
                  <td className="small">{when(m.startedAt)}</td>
                  <td className="small">{when(m.finishedAt)}</td>
                  <td className="small error-text">{m.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
