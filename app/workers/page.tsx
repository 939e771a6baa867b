import Link from "next/link";
import type { ReactNode } from "react";
import { LiveUpdates } from "@/components/live-updates";
import { requireReader } from "@/lib/auth/page";
import { config } from "@/lib/config";
import { workerRoster, type LiveWorker } from "@/lib/engine/worker";
import { utcTimestamp } from "@/lib/domain/partition";

export const dynamic = "force-dynamic";


/** Who a worker is (id, host, PID), then the columns its list adds. */
function WorkerTable<W extends LiveWorker>({ workers, columns }: { workers: W[]; columns: [heading: string, cell: (w: W) => ReactNode][] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Worker</th>
          <th scope="col">Host</th>
          <th scope="col">PID</th>
          {columns.map(([heading]) => (
            <th key={heading} scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {workers.map((w) => (
          <tr key={w.id}>
            <td>
              <code title={w.id}>{w.id.slice(0, 8)}</code>
            </td>
            <td>{w.host}</td>
            <td>{w.pid}</td>
            {columns.map(([heading, cell]) => (
              <td key={heading}>{cell(w)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function WorkersPage() {
  await requireReader("/workers");
  const { live, gone } = await workerRoster();
  const { store, worker } = config();
  return (
    <section>
      <h1>Workers</h1>
      <p className="muted">
        The processes that execute runs ({store.provider === "postgresql" ? "any number, on any machine, coordinated through pg-boss on PostgreSQL" : "on SQLite one runs at a time"}). A worker is alive while its
        heartbeat is younger than one lease ({Math.round(worker.leaseMs / 1000)} s); a run whose worker went silent is taken over by another once its lease expires.
      </p>
      <LiveUpdates />
      <section className="panel" aria-labelledby="live-heading">
        <h2 id="live-heading">Alive ({live.length})</h2>
        {live.length === 0 ? (
          <p className="warning">No worker is alive: queued runs wait. Start one with <code>npm run worker</code>.</p>
        ) : (
          <WorkerTable
            workers={live}
            columns={[
              ["Current run", (w) => (w.currentRunId ? <Link href={`/runs/${w.currentRunId}`}>run #{w.currentRunId}</Link> : <span className="muted">idle</span>)],
              ["Last heartbeat", (w) => utcTimestamp(w.heartbeatAt)],
              ["Started", (w) => utcTimestamp(w.startedAt)],
            ]}
          />
        )}
      </section>
      <section className="panel" aria-labelledby="gone-heading">
        <h2 id="gone-heading">Stopped or silent (latest {gone.length})</h2>
        {gone.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <WorkerTable
            workers={gone}
            columns={[
              ["Last heartbeat", (w) => utcTimestamp(w.heartbeatAt)],
              ["Stopped", (w) => (w.stoppedAt ? utcTimestamp(w.stoppedAt) : <span className="error-text">no: went silent</span>)],
            ]}
          />
        )}
      </section>
    </section>
  );
}
