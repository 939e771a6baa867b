import Link from "next/link";
import { ChecksTable } from "@/components/checks-table";
import { notFound } from "next/navigation";
import { ReviewForm } from "@/app/evidence/_components/review-form";
import { StatusBadge } from "@/components/status-badge";
import { requireReader } from "@/lib/auth/page";
import { assetLabel } from "@/lib/domain/assets";
import { allowed } from "@/lib/policy";
import { evidenceDetail } from "@/lib/queries/evidence";

export const dynamic = "force-dynamic";

export default async function EvidenceRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const user = await requireReader(`/evidence/${runId}`);
  const id = Number(runId);
  const detail = Number.isInteger(id) && id > 0 ? await evidenceDetail(id) : null;
  if (!detail) notFound();
  const { run, plan, steps, statuses, blockingFailed } = detail;
  const review = run.evidence?.reviews[0] ?? null;
  const reviewable = run.evidence && !review && run.status === "succeeded" && blockingFailed === 0;
  const ownRun = run.operator === user.email;

  return (
    <section>
      <nav aria-label="Breadcrumb" className="muted small">
        <Link href="/evidence">Checks &amp; evidence</Link> › run #{run.id}
      </nav>
      <h1>
        Run #{run.id}: {run.action} <Link href={`/partitions/${run.partitionKey}`}>{run.partitionKey}</Link>
      </h1>
      <p className="muted">
        {run.status} · attempt {run.attempt}
        {run.retryOfRunId ? ` (retry of #${run.retryOfRunId})` : ""} · started by {run.operator}
      </p>

      <ol className="stepper" aria-label="Where this partition stands">
        {steps.map((s) => (
          <li key={s.name} className={s.done ? "done" : ""} aria-current={!s.done && steps.find((x) => !x.done) === s ? "step" : undefined}>
            <strong>
              {s.done ? "✓" : "○"} {s.name}
            </strong>
            <span className="small muted">{s.detail}</span>
          </li>
        ))}
      </ol>

      <section className="panel" aria-labelledby="review-heading">
        <h2 id="review-heading">Review</h2>
        {review ? (
          <p>
            <strong>{review.decision}</strong> by {review.reviewer} at {review.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC{review.reason ? ` — “${review.reason}”` : ""}
          </p>
        ) : !reviewable ? (
          <p className="muted">
            {!run.evidence ? "This run has no evidence yet." : run.status !== "succeeded" ? `This run ${run.status}; there is nothing to approve.` : `${blockingFailed} blocking check(s) failed; the partition is quarantined.`}
          </p>
        ) : allowed(user, "review") ? (
          <>
            {ownRun && (
              <p className="warning" role="note">
                You started this run, so you may not approve it (separation of duties). Another reviewer must; you may still reject it with a reason.
              </p>
            )}
            <ReviewForm runId={run.id} evidenceId={run.evidence!.id} />
          </>
        ) : (
          <p className="muted">Awaiting a reviewer. You are signed in as {user.roles.join(", ")}.</p>
        )}
        <h3 className="small muted">Partition now</h3>
        <ul className="inline-list">
          {statuses.map((s) => (
            <li key={s.asset}>
              {assetLabel(s.asset)} <StatusBadge status={s.status} />
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="checks-heading">
        <h2 id="checks-heading">Checks (failures first)</h2>
        <ChecksTable checks={run.checks} />
      </section>

      <section className="panel" aria-labelledby="plan-heading">
        <h2 id="plan-heading">The plan it executed</h2>
        {plan ? (
          <p>
            <Link href={`/plans/${plan.plan_id}`}>Plan {plan.plan_id}</Link>: {plan.proposed_action} <span className="muted small">(hash {plan.plan_hash.slice(0, 16)}…)</span>
          </p>
        ) : (
          <p className="muted">No plan: {run.action === "scheduled" ? "a scheduled build." : run.action === "drill" ? "a drill's deliberate bad write." : "run without a stored plan."}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">Evidence JSON</h2>
        {run.evidence ? (
          <>
            <p className="small muted">
              <code>{run.evidence.path}</code> · sha256 <code>{run.evidence.sha256}</code>
            </p>
            <pre className="json" aria-label="Evidence JSON">
              {run.evidence.document}
            </pre>
          </>
        ) : (
          <p className="muted">Not written yet.</p>
        )}
      </section>
    </section>
  );
}
