import Link from "next/link";
import { notFound } from "next/navigation";
import { ReviewForm } from "@/app/evidence/_components/review-form";
import { DiffTable } from "@/app/evidence/_components/diff-table";
import { ChecksTable } from "@/components/checks-table";
import { StatusBadge } from "@/components/status-badge";
import { LiveUpdates } from "@/components/live-updates";
import { requireReader } from "@/lib/auth/page";
import { assetLabel, DOWNSTREAM_CONSUMERS } from "@/lib/domain/assets";
import { allowed } from "@/lib/policy";
import { evidenceDetail } from "@/lib/queries/evidence";
import { nextAwaitingReview } from "@/lib/views/evidence-queue";

export const dynamic = "force-dynamic";

const STEP_MARK = { done: "✓", current: "→", stopped: "✗", todo: "○" } as const;

export default async function EvidenceRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const user = await requireReader(`/evidence/${runId}`);
  const id = Number(runId);
  const detail = Number.isInteger(id) && id > 0 ? await evidenceDetail(id) : null;
  if (!detail) notFound();
  const { run, plan, steps, statuses, blockingFailed, warnings, changes } = detail;
  const review = run.evidence?.reviews[0] ?? null;
  const reviewable = run.evidence && !review && run.status === "succeeded" && blockingFailed === 0;
  const ownRun = run.operator === user.email;
  const mayReview = allowed(user, "review");
  const next = review && mayReview ? await nextAwaitingReview(run.id) : null;
  const diffs = changes.filter((c) => c.status === "succeeded" && c.diff);
  const builtAssets = changes.filter((c) => c.status === "succeeded").map((c) => assetLabel(c.asset));

  return (
    <section>
      <nav aria-label="Breadcrumb" className="muted small">
        <Link href="/evidence">Evidence</Link> › run #{run.id}
      </nav>
      <h1>
        Evidence of run #{run.id}: {run.action} <Link href={`/partitions/${run.partitionKey}`}>{run.partitionKey}</Link>
      </h1>
      <LiveUpdates />
      <p className="muted">
        run {run.status} · attempt {run.attempt}
        {run.retryOfRunId ? <> (retry of <Link href={`/runs/${run.retryOfRunId}`}>run #{run.retryOfRunId}</Link>)</> : ""} · started by {run.operator} ·{" "}
        <Link href={`/runs/${run.id}`}>the run&apos;s timeline</Link>
      </p>

      <ol className="stepper" aria-label="Where this partition stands">
        {steps.map((s) => (
          <li key={s.name} className={`step-${s.state}`} aria-current={s.state === "current" ? "step" : undefined}>
            <strong>
              {STEP_MARK[s.state]} {s.name}
            </strong>
            <span className="small muted">{s.detail}</span>
          </li>
        ))}
      </ol>

      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <ul className="summary-list">
          {changes.length === 0 ? (
            <li>No asset was written.</li>
          ) : (
            changes.map((c) => (
              <li key={`${c.asset}-${c.status}`}>
                {assetLabel(c.asset)}: {c.before ?? 0} → {c.after ?? 0} rows{c.status === "reverted" ? " (undone: the run was cancelled)" : ""}
              </li>
            ))
          )}
          <li className={blockingFailed ? "error-text" : ""}>
            Checks: {run.checks.length - run.checks.filter((c) => !c.passed).length} of {run.checks.length} passed
            {blockingFailed ? ` · ${blockingFailed} blocking check${blockingFailed === 1 ? "" : "s"} failed` : " · no blocking check failed"}
            {warnings.length ? ` · ${warnings.length} warning${warnings.length === 1 ? "" : "s"}: ${warnings.map((w) => w.name).join(", ")}` : ""}
          </li>
          <li>Expected input: {run.expectedCount ?? "—"} tickets (distinct, after the guard ticket_id + partition_key)</li>
          {run.emptyInputAttestation && (
            <li className="warning" role="note">
              Attested empty at plan time — the operator confirmed this day truly has no data: “{run.emptyInputAttestation}”
            </li>
          )}
        </ul>
      </section>

      <section className="panel" aria-labelledby="diff-heading">
        <h2 id="diff-heading">What changed (before → after)</h2>
        {diffs.length === 0 ? (
          <p className="muted">Nothing was replaced: {changes.length === 0 ? "no asset was written" : "a first build of this partition (no earlier rows to compare with), or a write that was undone"}.</p>
        ) : (
          <>
            <p className="muted small">Each rewrite compared with the rows it replaced (the snapshot taken before it), ticket by ticket.</p>
            {diffs.map((c) => (
              <DiffTable key={c.asset} asset={c.asset} diff={c.diff!} />
            ))}
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="review-heading">
        <h2 id="review-heading">Decision</h2>
        {review ? (
          <>
            <p>
              <strong>{review.decision}</strong> by {review.reviewer} at {review.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC{review.reason ? ` — “${review.reason}”` : ""}
            </p>
            {mayReview && (
              <p>{next ? <Link href={`/evidence/${next}`}>Next awaiting review: run #{next} →</Link> : <>No other run awaits review. <Link href="/evidence">Back to the queue</Link></>}</p>
            )}
          </>
        ) : !reviewable ? (
          <p className="muted">
            {!run.evidence ? "This run has no evidence yet." : run.status !== "succeeded" ? `This run ${run.status}; there is nothing to approve.` : `${blockingFailed} blocking check(s) failed; the partition is quarantined.`}
          </p>
        ) : mayReview ? (
          <ReviewForm
            runId={run.id}
            evidenceId={run.evidence!.id}
            partitionKey={run.partitionKey}
            releases={`${builtAssets.join(", ")} of ${run.partitionKey} to ${DOWNSTREAM_CONSUMERS.join(" and ")}`}
            approveRefusal={ownRun ? "You started this run, so you may not approve it (separation of duties). Another reviewer must; you may still reject it with a reason." : null}
          />
        ) : (
          <p className="muted">Awaiting a reviewer. You are signed in as {user.roles.join(", ")}.</p>
        )}
        <h3 className="small muted">The partition now</h3>
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
        <p className="muted small">As observed right after the run wrote, against the input expected then.</p>
        <ChecksTable checks={run.checks} />
      </section>

      <section className="panel" aria-labelledby="plan-heading">
        <h2 id="plan-heading">The plan it executed</h2>
        {plan ? (
          <p>
            <Link href={`/plans/${plan.plan_id}`}>Plan {plan.plan_id}</Link>: {plan.summary} <code className="small">{plan.proposed_action}</code> <span className="muted small">(hash {plan.plan_hash.slice(0, 16)}…)</span>
          </p>
        ) : (
          <p className="muted">No plan: {run.action === "scheduled" ? "a scheduled build." : run.action === "drill" ? "a drill's deliberate write." : "run without a stored plan."}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">Evidence JSON</h2>
        {run.evidence ? (
          <>
            <p className="small">
              <a href={`/evidence/${run.id}/file`} download>
                Download the evidence file
              </a>{" "}
              <span className="muted">
                · sha256 <code>{run.evidence.sha256}</code>
              </span>
            </p>
            <pre className="json" aria-label="Evidence JSON" tabIndex={0}>
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
