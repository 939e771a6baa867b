import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/status-badge";
import { requireReader } from "@/lib/auth/page";
import { assetLabel } from "@/lib/domain/assets";
import { ACTION_GUIDE } from "@/lib/domain/recovery";
import { getPlan } from "@/lib/queries/plans";
import { ExecutePlanButton } from "@/app/plans/_components/execute-plan-button";
import { ApprovePlanForm } from "@/app/plans/_components/approve-plan-form";
import { planApprovalOf } from "@/lib/pipeline/plan-approval";
import { LiveUpdates } from "@/components/live-updates";
import { PlanForm } from "@/components/plan-form";
import { RunTable } from "@/components/run-table";
import { runControlAction } from "@/app/runs/actions";
import { allowed } from "@/lib/policy";
import { driftOf, requestOf } from "@/lib/pipeline/plans";
import { withdrawnPartitions } from "@/lib/engine/execute-plan";
import { runPage } from "@/lib/views/runs";
import { Pager } from "@/components/pager";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

function Field({ name, label, children }: { name: string; label: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <dt>
        {label} <code className="muted small">{name}</code>
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

export default async function PlanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const runsPage = Math.max(1, Number((await searchParams).runs) || 1);
  const user = await requireReader(`/plans/${id}`);
  const found = await getPlan(id);
  if (!found) notFound();
  const { plan, status, fileMatches, document } = found;
  const [runs, backfill] = await Promise.all([runPage({ planId: plan.plan_id }, runsPage), db.backfill.findFirst({ where: { planId: plan.plan_id }, select: { id: true, status: true } })]);
  const mayExecute = allowed(user, "execute");
  // Drift is checked as the page is drawn, so a plan the store moved away from never shows an Execute button.
  const drift = status === "planned" ? await driftOf(plan) : null;
  const approval = plan.approval_required ? await planApprovalOf(plan.plan_hash) : null;
  // Four eyes (policy blast_radius): a plan that rewrites released partitions waits for another person's yes.
  const awaitsApproval = Boolean(plan.approval_required) && !approval;
  const mayApprove = allowed(user, "approve_plan") && user.email !== plan.operator;
  const guide = ACTION_GUIDE[plan.recovery_action];

  return (
    <section>
      <nav aria-label="Breadcrumb" className="muted small">
        <Link href="/plans">Plans</Link> › {plan.plan_id}
      </nav>
      <div className="page-head">
        <div>
          <h1>
            {plan.kind === "window" ? "Window plan" : "Plan"}: {plan.recovery_action} {plan.kind === "window" ? `${plan.partition_key} .. ${plan.partitions.at(-1)!.partition_key}` : plan.partition_key}
          </h1>
          <p className="muted">
            {plan.mode} · plan {plan.plan_id} · status <strong>{status}</strong> · made by {plan.operator} at {plan.created_at.replace("T", " ").slice(0, 19)} UTC
          </p>
        </div>
        <div className="counts" aria-label="Expected versus current">
          <div className="stat">
            <span className="stat-value">{plan.expected_input_count}</span>
            <span className="muted small">expected input</span>
          </div>
          <div className="stat">
            <span className="stat-value">{plan.current_output_count}</span>
            <span className="muted small">current output</span>
          </div>
        </div>
      </div>

      {plan.guidance.map((g) => (
        <p key={g} role="status" className="warning">
          {g}
        </p>
      ))}

      <section className="panel" aria-labelledby="what-heading">
        <h2 id="what-heading">What it will do</h2>
        <p className="lead">{plan.summary}</p>
        <p className="small">
          Proposed action <code>{plan.proposed_action}</code>
        </p>
        <p>
          <strong>Why {plan.recovery_action}:</strong> {plan.why}
        </p>
        <p className="muted small">
          {plan.recovery_action} fits when {guide.when}. Boundary: {guide.boundary}.
        </p>
      </section>

      {plan.approval_required && (
        <section className="panel" aria-labelledby="approval-heading">
          <h2 id="approval-heading">Second approval {approval ? "given" : "needed"}</h2>
          <p>{plan.approval_required}</p>
          {approval ? (
            <p className="ok-text" role="status">
              Approved by {approval.approvedBy} at {approval.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC: “{approval.reason}”
            </p>
          ) : status !== "planned" || drift ? (
            <p className="muted">A plan that is no longer executable cannot be approved.</p>
          ) : mayApprove ? (
            <ApprovePlanForm planId={plan.plan_id} />
          ) : user.email === plan.operator ? (
            <p className="muted">You made this plan: another operator or reviewer must approve it before it executes.</p>
          ) : (
            <p className="muted">Only operators and reviewers approve plans.</p>
          )}
        </section>
      )}

      <section className="panel" aria-labelledby="execute-heading">
        <h2 id="execute-heading">Execute</h2>
        <LiveUpdates />
        {status === "planned" && !drift && mayExecute && awaitsApproval && (
          <p className="muted" role="status">
            Execute waits for the second approval above.{" "}
            <button type="button" disabled>
              Execute this plan
            </button>
          </p>
        )}
        {status === "planned" && !drift && mayExecute && !awaitsApproval && (
          <>
            <p className="small muted">
              Executes exactly this plan: it is planned again first, and refused as drifted if the store changed since you reviewed it. It becomes a backfill whose runs the workers execute, one partition at a time unless you raise its runs at once (PostgreSQL);
              checks and evidence follow every write, and the partitions wait for a reviewer.
            </p>
            <ExecutePlanButton planId={plan.plan_id} withdraws={withdrawnPartitions(plan)} />
          </>
        )}
        {status === "planned" && !drift && !mayExecute && <p className="muted">Only operators execute plans.</p>}
        {(status === "drifted" || drift) && (
          <div className="warning" role="status">
            <p>
              This plan {status === "drifted" ? "drifted" : "no longer matches the store"}: {drift ?? "the store changed since it was made"}. It will not be executed as it is — re-plan it with the same inputs and review
              the fresh plan.
            </p>
            {mayExecute && <PlanForm fields={requestOf(plan)} label="Re-plan with the same inputs" />}
          </div>
        )}
        {backfill && (
          <p>
            Executed as <Link href={`/backfills/${backfill.id}`}>backfill #{backfill.id}</Link> ({backfill.status.replaceAll("_", " ")}): follow its progress, pause or cancel it there.
          </p>
        )}
        {runs.total > 0 ? <RunTable runs={runs.rows} cancelAction={mayExecute ? runControlAction : undefined} showPartition /> : status !== "planned" && status !== "drifted" ? <p className="muted">No runs.</p> : null}
        <Pager page={runsPage} pageCount={runs.pageCount} param="runs" params={{}} label="Run pages" />
      </section>

      <section className="panel" aria-labelledby="fields-heading">
        <h2 id="fields-heading">The plan, field by field</h2>
        <dl className="fields">
          <Field name="partition_key" label="Partition">{plan.partition_key}</Field>
          <Field name="window_start" label="Window starts">{plan.window_start}</Field>
          <Field name="window_end" label="Window ends">{plan.window_end}</Field>
          <Field name="mode" label="Mode">{plan.mode}</Field>
          {plan.reprocess_mode && <Field name="reprocess_mode" label="Reprocess mode">{plan.reprocess_mode}</Field>}
          {plan.kind === "window" && <Field name="run_order" label="Order the queue takes the partitions">{plan.run_order.replace("_", " ")}</Field>}
          <Field name="priority" label="Queue priority">
            {plan.priority} <span className="muted small">(high goes ahead of normal, normal ahead of low)</span>
          </Field>
          {plan.selection && (
            <Field name="selection" label="Only these partitions">
              {plan.selection.length} selected
              {plan.reexecutes_backfill_id && (
                <>
                  {" "}
                  — the failed or cancelled partitions of <Link href={`/backfills/${plan.reexecutes_backfill_id}`}>backfill #{plan.reexecutes_backfill_id}</Link>
                </>
              )}
            </Field>
          )}
          <Field name="upstream_manifest_id" label="Upstream manifest">{plan.upstream_manifest_id ?? "none"}</Field>
          <Field name="expected_input_count" label="Expected input (distinct tickets)">{plan.expected_input_count}</Field>
          <Field name="current_output_count" label="Current output (silver rows)">{plan.current_output_count}</Field>
          <Field name="gap_reason" label="Gap reason">{plan.gap_reason ?? "none"}</Field>
          <Field name="recovery_action" label="Recovery action">{plan.recovery_action}</Field>
          <Field name="idempotency_guard" label="Idempotency guard">{plan.idempotency_guard}</Field>
          <Field name="target_assets" label="Target assets">{plan.target_assets.map(assetLabel).join(" → ")}</Field>
          <Field name="downstream_impact" label="Downstream impact">{plan.downstream_impact}</Field>
          <Field name="operator" label="Operator">{plan.operator}</Field>
          <Field name="empty_input_attestation" label="Attested empty">
            {plan.empty_input_attestation ? (
              <>
                by {plan.empty_input_attestation.attested_by}: “{plan.empty_input_attestation.reason}”
              </>
            ) : (
              "no"
            )}
          </Field>
          <Field name="approval_required" label="Second approval">{plan.approval_required ?? "not needed"}</Field>
          <Field name="needs" label="What the action needs">
            {plan.needs.retry_of_run_id && <>the failed run #{plan.needs.retry_of_run_id}</>}
            {plan.needs.replay_manifest_id && <>manifest {plan.needs.replay_manifest_id}</>}
            {plan.needs.restore_snapshot_id && <>snapshot #{plan.needs.restore_snapshot_id}</>}
            {!plan.needs.retry_of_run_id && !plan.needs.replay_manifest_id && !plan.needs.restore_snapshot_id && "nothing beyond the window"}
          </Field>
          <Field name="report_path" label="Report file">
            <code>{plan.report_path}</code>{" "}
            {fileMatches === true ? <span className="ok-text">(on disk, same content)</span> : fileMatches === false ? <span className="muted">(since overwritten by a newer plan of the same action and partition)</span> : <span className="error-text">(missing on disk)</span>}
          </Field>
        </dl>
      </section>

      <section className="panel" aria-labelledby="partitions-heading">
        <h2 id="partitions-heading">Partitions ({plan.partitions.filter((p) => p.included).length} of {plan.partitions.length} included)</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Partition</th>
              <th scope="col">Status when planned</th>
              <th scope="col">Included</th>
              <th scope="col">Why</th>
              <th scope="col">Current / expected</th>
            </tr>
          </thead>
          <tbody>
            {plan.partitions.map((p) => (
              <tr key={p.partition_key} className={p.included ? "" : "row-skipped"}>
                <td>
                  <Link href={`/partitions/${p.partition_key}`}>{p.partition_key}</Link>
                </td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td>{p.included ? "yes" : "no"}</td>
                <td className="small">{p.reason}</td>
                <td>
                  {p.current_output_count} / {p.expected_input_count}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-labelledby="json-heading">
        <h2 id="json-heading">Raw JSON</h2>
        <pre className="json" aria-label="Plan JSON" tabIndex={0}>{document}</pre>
      </section>
    </section>
  );
}
