import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ReviewForm } from "@/app/evidence/_components/review-form";
import { DiffTable } from "@/app/evidence/_components/diff-table";
import { ChecksTable } from "@/components/checks-table";
import { StatusBadge } from "@/components/status-badge";
import { LiveUpdates } from "@/components/live-updates";
import { requireReader } from "@/lib/auth/page";
import { assetName, DOWNSTREAM_CONSUMERS, nameList } from "@/lib/domain/assets";
import { allowed } from "@/lib/policy";
import { evidenceDetail } from "@/lib/views/evidence";
import { nextAwaitingReview } from "@/lib/views/evidence-queue";
import { RunStatus } from "@/components/run-table";
import { utcTimestamp } from "@/lib/domain/partition";
import { readerLocale } from "@/lib/i18n/server";
import { recordedParts, render } from "@/lib/i18n/text";
import { Said } from "@/components/said";
import { isRunStatus } from "@/lib/domain/backfill";
import { Panel } from "@/components/panel";
import { parseStoreId } from "@/contracts/fields";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

const STEP_MARK = { done: "✓", current: "→", stopped: "✗", todo: "○" } as const;

async function EvidenceRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const user = await requireReader(`/evidence/${runId}`);
  const [t, stepNames, decisions, runWords, tDownstream, locale] = await Promise.all([
    getTranslations("evidencePage"),
    getTranslations("evidenceSteps.name"),
    getTranslations("reviewState"),
    getTranslations("runStatus"),
    getTranslations("downstream"),
    readerLocale(),
  ]);
  const id = parseStoreId(runId);
  const detail = id === null ? null : await evidenceDetail(id);
  if (!detail) notFound();
  const { run, plan, planSaid, evidence, steps, statuses, blockingFailed, warnings, changes } = detail;
  const { review, unsignedReview, supersededBy, downstream } = detail;
  const reviewable = run.evidence && !review && !supersededBy && run.status === "succeeded" && blockingFailed === 0;
  // Who started the run, as its evidence (under MAC) says: the server decides separation of duties from it too.
  const ownRun = (evidence?.operator ?? run.operator) === user.email;
  const mayReview = allowed(user, "review");
  const next = review && mayReview ? await nextAwaitingReview(run.id) : null;
  const diffs = changes.filter((c) => c.status === "succeeded" && c.diff);
  const consumers = render(nameList([...DOWNSTREAM_CONSUMERS]), locale);
  const builtAssets = changes.filter((c) => c.status === "succeeded").map((c) => assetName(c.asset, locale));

  // A decision is recorded but its signature does not verify: it counts as none, and deciding now replaces it.
  const unsignedNote = unsignedReview && (
    <p className="warning" role="note">
      {t("unsigned", {
        decision: decisions(unsignedReview.decision),
        reviewer: unsignedReview.reviewer,
        time: utcTimestamp(unsignedReview.createdAt),
      })}
    </p>
  );

  return (
    <section>
      <nav aria-label={t("breadcrumb")} className="muted small">
        <Link href="/evidence">{t("evidence")}</Link> › {t("crumbRun", { id: run.id })}
      </nav>
      <h1>
        {t("title", { id: run.id, action: run.action })}{" "}
        <Link href={`/partitions/${run.partitionKey}`}>{run.partitionKey}</Link>
      </h1>
      <LiveUpdates />
      <p className="muted">
        <RunStatus status={run.status} /> · {t("attempt", { attempt: run.attempt })}
        {run.retryOfRunId ? (
          <>
            {" "}
            ({t("retryOf")} <Link href={`/runs/${run.retryOfRunId}`}>{t("runLink", { id: run.retryOfRunId })}</Link>)
          </>
        ) : (
          ""
        )}{" "}
        · {t("startedBy", { operator: run.operator })} · <Link href={`/runs/${run.id}`}>{t("timeline")}</Link>
      </p>
      {supersededBy && (
        <div className="warning" role="note">
          <p>{t("superseded", { newer: supersededBy.newer })}</p>
          <p>
            <Link href={`/evidence/${supersededBy.latest}`}>{t("latestRun", { latest: supersededBy.latest })}</Link>
          </p>
        </div>
      )}

      <ol className="stepper" aria-label={t("stepper")}>
        {steps.map((s) => (
          <li key={s.name} className={`step-${s.state}`} aria-current={s.state === "current" ? "step" : undefined}>
            <strong>
              {STEP_MARK[s.state]} {stepNames(s.name)}
            </strong>
            <span className="small muted">{render(s.detail, locale)}</span>
          </li>
        ))}
      </ol>

      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("summary")}</h2>
        <ul className="summary-list">
          {changes.length === 0 ? (
            <li>{t("noAsset")}</li>
          ) : (
            changes.map((c) => (
              <li key={`${c.asset}-${c.status}`}>
                {t("rows", { asset: assetName(c.asset, locale), before: c.before ?? 0, after: c.after ?? 0 })}
                {c.status === "reverted" ? t("undone") : ""}
              </li>
            ))
          )}
          <li className={blockingFailed ? "error-text" : ""}>
            {t("checksLine", {
              passed: run.checks.length - run.checks.filter((c) => !c.passed).length,
              total: run.checks.length,
            })}
            {blockingFailed ? t("blockingFailed", { count: blockingFailed }) : t("noBlocking")}
            {warnings.length
              ? t("warnings", { count: warnings.length, names: warnings.map((w) => w.name).join(", ") })
              : ""}
          </li>
          <li>{t("expected", { count: run.expectedCount ?? "—" })}</li>
          {run.emptyInputAttestation && (
            <li className="warning" role="note">
              {t("attested", { why: run.emptyInputAttestation })}
            </li>
          )}
        </ul>
      </section>

      <Panel id="diff-heading" title={t("diff")} empty={changes.length === 0 ? t("noDiffNone") : undefined}>
        <p className="muted small">{t("diffHelp")}</p>
        {diffs.map((c) => (
          <DiffTable key={c.asset} asset={c.asset} diff={c.diff!} />
        ))}
        {/* Why an asset has no ticket-by-ticket diff: a first build, a file, rows that were gone, an undone write. */}
        <ul className="summary-list">
          {changes
            .filter((c) => c.noDiff)
            .map((c) => (
              <li key={`${c.asset}-${c.status}`} className="muted">
                {t("noDiffAsset", { asset: assetName(c.asset, locale), why: render(c.noDiff!, locale) })}
              </li>
            ))}
        </ul>
      </Panel>

      <section className="panel" aria-labelledby="review-heading">
        <h2 id="review-heading">{t("decision")}</h2>
        {review ? (
          <>
            <p>
              <strong>
                {review.decision === "approved" || review.decision === "rejected"
                  ? decisions(review.decision)
                  : review.decision}
              </strong>{" "}
              {t("decided", { reviewer: review.reviewer, time: utcTimestamp(review.createdAt) })}
              {review.reason ? ` — “${review.reason}”` : ""}
            </p>
            {mayReview && (
              <p>
                {next ? (
                  <Link href={`/evidence/${next}`}>{t("nextAwaiting", { id: next })}</Link>
                ) : (
                  <>
                    {t("noOther")} <Link href="/evidence">{t("backToQueue")}</Link>
                  </>
                )}
              </p>
            )}
          </>
        ) : supersededBy ? (
          <p className="muted">
            {t("supersededDecision", { newer: supersededBy.newer })}{" "}
            <Link href={`/evidence/${supersededBy.latest}`}>{t("latestRun", { latest: supersededBy.latest })}</Link>
          </p>
        ) : !reviewable ? (
          <p className="muted">
            {!run.evidence
              ? t("noEvidence")
              : run.status !== "succeeded"
                ? t("notSucceeded", { status: isRunStatus(run.status) ? runWords(run.status) : run.status })
                : t("blockingQuarantined", { count: blockingFailed })}
          </p>
        ) : mayReview ? (
          <>
            {unsignedNote}
            <ReviewForm
              runId={run.id}
              evidenceId={run.evidence!.id}
              partitionKey={run.partitionKey}
              releases={t("releases", {
                assets: builtAssets.join(", "),
                key: run.partitionKey,
                consumers,
              })}
              approveRefusal={ownRun ? t("ownRun") : null}
            />
          </>
        ) : (
          <>
            {unsignedNote}
            <p className="muted">{t("awaitingReviewer", { roles: user.roles.join(", ") })}</p>
          </>
        )}
        <h3 className="small muted">{t("partitionNow")}</h3>
        <ul className="inline-list">
          {statuses.map((s) => (
            <li key={s.asset}>
              {assetName(s.asset, locale)} <StatusBadge status={s.status} />
            </li>
          ))}
        </ul>
        <p className="small" role="group" aria-label={tDownstream("label")}>
          {tDownstream("line", { consumers, why: render(downstream, locale) })}
        </p>
      </section>

      <section className="panel" aria-labelledby="checks-heading">
        <h2 id="checks-heading">{t("checks")}</h2>
        <p className="muted small">{t("checksNote")}</p>
        <ChecksTable checks={run.checks} />
      </section>

      <section className="panel" aria-labelledby="plan-heading">
        <h2 id="plan-heading">{t("planExecuted")}</h2>
        {plan ? (
          <p>
            <Link href={`/plans/${plan.plan_id}`}>{t("planLink", { id: plan.plan_id })}</Link>
            {t("colon")}
            <Said parts={recordedParts(planSaid?.summary, plan.summary, locale)} />{" "}
            <code className="small">{plan.proposed_action}</code>{" "}
            <span className="muted small">{t("hash", { hash: plan.plan_hash.slice(0, 16) })}</span>
          </p>
        ) : (
          <p className="muted">
            {run.action === "scheduled"
              ? t("noPlanScheduled")
              : run.action === "drill"
                ? t("noPlanDrill")
                : t("noPlanOther")}
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t("evidenceJson")}</h2>
        {run.evidence ? (
          <>
            <p className="small">
              <a href={`/evidence/${run.id}/file`} download>
                {t("download")}
              </a>{" "}
              <span className="muted">
                · sha256 <code>{run.evidence.sha256}</code>
              </span>
            </p>
            <pre className="json" aria-label={t("evidenceJson")} tabIndex={0}>
              {run.evidence.document}
            </pre>
          </>
        ) : (
          <p className="muted">{t("notWritten")}</p>
        )}
      </section>
    </section>
  );
}

export default withClientMessages("app/evidence/[runId]/page", EvidenceRunPage);
