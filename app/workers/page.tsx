import Link from "next/link";
import { LiveUpdates } from "@/components/live-updates";
import { requireReader } from "@/lib/auth/page";
import { config } from "@/lib/config";
import { workerRoster } from "@/lib/engine/worker";

export const dynamic = "force-dynamic";

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

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
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col">Host</th>
                <th scope="col">PID</th>
                <th scope="col">Current run</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {live.map((w) => (
                <tr key={w.id}>
                  <td>
                    <code title={w.id}>{w.id.slice(0, 8)}</code>
                  </td>
                  <td>{w.host}</td>
                  <td>{w.pid}</td>
                  <td>{w.currentRunId ? <Link href={`/runs/${w.currentRunId}`}>run #{w.currentRunId}</Link> : <span className="muted">idle</span>}</td>
                  <td>{utc(w.heartbeatAt)}</td>
                  <td>{utc(w.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="gone-heading">
        <h2 id="gone-heading">Stopped or silent (latest {gone.length})</h2>
        {gone.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col">Host</th>
                <th scope="col">PID</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col">Stopped</th>
              </tr>
            </thead>
            <tbody>
              {gone.map((w) => (
                <tr key={w.id}>
                  <td>
                    <code title={w.id}>{w.id.slice(0, 8)}</code>
                  </td>
                  <td>{w.host}</td>
                  <td>{w.pid}</td>
                  <td>{utc(w.heartbeatAt)}</td>
                  <td>{w.stoppedAt ? utc(w.stoppedAt) : <span className="error-text">no: went silent</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
