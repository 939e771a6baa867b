import Link from "next/link";
import { ChecksTable } from "@/components/checks-table";
import { requireReader } from "@/lib/auth/page";
import { StatusBadge } from "@/components/status-badge";
import { config } from "@/lib/config";
import { assetLabel } from "@/lib/domain/assets";
import { inDefinition, partitionKeyProblem, type PartitionKey } from "@/lib/domain/partition";
import { GAP_REASON_DESCRIPTIONS, STATUS_DESCRIPTIONS } from "@/lib/domain/status";
import { PlanForm } from "@/components/plan-form";
import { ACTION_GUIDE } from "@/lib/domain/recovery";
import { allowed } from "@/lib/policy";
import { partitionDetail } from "@/lib/views/partition";
import { Pager } from "@/components/pager";
import { LiveUpdates } from "@/components/live-updates";
import { RunTable } from "@/components/run-table";
import { runControlAction } from "@/app/runs/actions";

export const dynamic = "force-dynamic";

function when(d: Date | null): string {
  return d ? d.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—";
}

export default async function PartitionPage({ params, searchParams }: { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { key } = await params;
  const query = await searchParams;
  const pages = { runs: Math.max(1, Number(query.runs) || 1), snapshots: Math.max(1, Number(query.snapshots) || 1) };
  const user = await requireReader(`/partitions/${key}`);
  const { partitions, defaultPartition } = config();
  const problem = partitionKeyProblem(key) ?? (inDefinition(partitions, key as PartitionKey) ? null : `${key} is outside the partitions definition ${partitions.start}..${partitions.end}`);
  if (problem) {
    return (
      <section>
        <h1>Partition not found</h1>
        <p role="alert" className="error">
          {problem}
        </p>
        <Link href="/">Back to the calendar</Link>
      </section>
    );
  }
  const p = await partitionDetail(key as PartitionKey, pages);
  const keep = { runs: pages.runs > 1 ? String(pages.runs) : undefined, snapshots: pages.snapshots > 1 ? String(pages.snapshots) : undefined };
  const mayPlan = allowed(user, "plan");
  // A build from no input is refused unless attested (the empty-input gate); restore reads a snapshot, not input.
  const emptyBuild = (action: string) => p.expectedInputCount === 0 && action !== "restore";

  return (
    <section>
      <nav aria-label="Breadcrumb" className="muted small">
        <Link href="/">Calendar</Link> › {p.key}
      </nav>
      <div className="page-head">
        <div>
          <h1>
            Partition {p.key} {p.key === defaultPartition && <span className="tag">default partition</span>}
          </h1>
          <p className="muted">
            Window <code>{p.window_start}</code> .. <code>{p.window_end}</code> · guard <code>ticket_id + partition_key</code>
          </p>
        </div>
        <div className="stat">
          <span className="stat-value">{p.expectedInputCount}</span>
          <span className="muted small">expected input (distinct tickets from {p.manifests.length} valid manifest{p.manifests.length === 1 ? "" : "s"})</span>
        </div>
      </div>
      {p.expectedInputCount === 0 && (
        <div role="status" className="warning">
          <p>
            No valid manifest has records for {p.key}. Check that the upstream really has records for that date (manifests looked at:{" "}
            {p.manifests.map((m) => m.manifestId).join(", ") || "none"}). A backfill from nothing is refused until you do.
          </p>
          {mayPlan && (
            <PlanForm fields={{ partition: p.key, action: "backfill" }} label="Plan backfill of an empty day" className="form attest-form">
              <label>
                I confirmed with the upstream that {p.key} truly has no data, because
                <input name="attest_empty" required maxLength={500} placeholder="e.g. the source system was closed that day (ticket OPS-123)" />
              </label>
            </PlanForm>
          )}
        </div>
      )}

      <LiveUpdates />

      <section className="panel" aria-labelledby="assets-heading">
        <h2 id="assets-heading">Assets</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">Status</th>
              <th scope="col">Current / expected rows</th>
              <th scope="col">Gap reason</th>
              <th scope="col">What it means</th>
            </tr>
          </thead>
          <tbody>
            {p.statuses.map((s) => (
              <tr key={s.asset}>
                <th scope="row">
                  {assetLabel(s.asset)}
                  <br />
                  <code className="muted small">{s.asset}</code>
                </th>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td>
                  <span className={s.current_output_count === s.expected_input_count ? "" : "mismatch"}>{s.current_output_count}</span> / {s.expected_input_count}
                </td>
                <td className="small">
                  {s.gap_reason ? (
                    <>
                      <code>{s.gap_reason}</code>: {GAP_REASON_DESCRIPTIONS[s.gap_reason]}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="muted small">{STATUS_DESCRIPTIONS[s.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-labelledby="recovery-heading">
        <h2 id="recovery-heading">Recovery</h2>
        <p>
          {p.fittingAction ? (
            <>
              The action that fits: <strong>{p.fittingAction}</strong>. Plan it as a dry run first: the plan names its window, manifests, counts and impact.
            </>
          ) : (
            <>This partition needs no recovery. A rerun is available when you ask for it explicitly.</>
          )}
        </p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">When it fits</th>
              <th scope="col">Can it run now?</th>
              {mayPlan && <th scope="col">Dry-run plan</th>}
            </tr>
          </thead>
          <tbody>
            {p.actions.map((a) => (
              <tr key={a.action} className={a.action === p.fittingAction ? "row-fits" : ""}>
                <th scope="row">{a.action}</th>
                <td className="small">{ACTION_GUIDE[a.action].when}</td>
                <td className="small">
                  {a.ok ? <>✓ {a.why}</> : <span className="muted">✗ {a.message}</span>}
                  {a.ok && emptyBuild(a.action) && <div className="warning-text">but nothing to read: only with the attestation above that the day truly has no data</div>}
                </td>
                {mayPlan && (
                  <td>
                    {a.ok && !emptyBuild(a.action) ? (
                      <PlanForm fields={{ partition: p.key, action: a.action }} label={`Plan ${a.action}`} />
                    ) : (
                      <button type="button" disabled title={a.ok ? "attest the empty day above" : a.message}>
                        Plan {a.action}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {!mayPlan && <p className="muted small">Only operators plan and execute recovery; you are signed in as {user.roles.join(", ")}.</p>}
      </section>

      <section className="panel" aria-labelledby="manifests-heading">
        <h2 id="manifests-heading">Manifests behind it</h2>
        {p.manifests.length === 0 ? (
          <p className="muted">No valid manifest covers this partition.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Manifest</th>
                <th scope="col">Source</th>
                <th scope="col">Window</th>
                <th scope="col">Lines for this partition</th>
                <th scope="col">Document sha256</th>
              </tr>
            </thead>
            <tbody>
              {p.manifests.map((m) => (
                <tr key={m.pk}>
                  <td>
                    <code>{m.manifestId}</code>
                  </td>
                  <td>{m.source}</td>
                  <td>
                    {m.windowStart} .. {m.windowEnd}
                  </td>
                  <td>{m.recordsInPartition}</td>
                  <td>
                    <code title={m.contentSha256}>{m.contentSha256.slice(0, 12)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="runs-heading">
        <h2 id="runs-heading">Runs ({p.runs.total.toLocaleString("en")})</h2>
        {p.runs.total === 0 ? <p className="muted">No run has built this partition yet.</p> : <RunTable runs={p.runs.rows} cancelAction={allowed(user, "execute") ? runControlAction : undefined} showPartition={false} />}
        <Pager page={pages.runs} pageCount={p.runs.pageCount} param="runs" params={keep} label="Run pages" />
      </section>

      <section className="panel" aria-labelledby="checks-heading">
        <h2 id="checks-heading">Checks of the latest build (failures first)</h2>
        <p className="muted small">As observed when that build wrote, against the input expected then; the counts above are the store now.</p>
        {p.checks.length === 0 ? (
          <p className="muted">No checks have run: nothing has been written for this partition.</p>
        ) : (
          <ChecksTable checks={p.checks} />
        )}
      </section>

      <section className="panel" aria-labelledby="snapshots-heading">
        <h2 id="snapshots-heading">Snapshots</h2>
        {p.snapshots.total === 0 ? (
          <p className="muted">No snapshot: no write has replaced this partition&apos;s rows yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Snapshot</th>
                <th scope="col">Asset</th>
                <th scope="col">Rows</th>
                <th scope="col">Taken before run</th>
                <th scope="col">Taken</th>
              </tr>
            </thead>
            <tbody>
              {p.snapshots.rows.map((s) => (
                <tr key={s.id}>
                  <td>#{s.id}</td>
                  <td>{assetLabel(s.assetKey)}</td>
                  <td>
                    {s.rowCount}
                    {!s.checksPassed && <span className="muted small"> (rows had failed checks)</span>}
                  </td>
                  <td>
                    <Link href={`/runs/${s.takenBeforeRunId}`}>run #{s.takenBeforeRunId}</Link>
                  </td>
                  <td className="small">{when(s.takenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager page={pages.snapshots} pageCount={p.snapshots.pageCount} param="snapshots" params={keep} label="Snapshot pages" />
      </section>
    </section>
  );
}
