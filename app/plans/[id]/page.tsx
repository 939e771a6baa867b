import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/status-badge";
import { requireReader } from "@/lib/auth/page";
import { assetName } from "@/lib/domain/assets";
import { manifestCoverage } from "@/lib/domain/plan";
import { getPlan } from "@/lib/read-model/plans";
import { ExecutePlanButton } from "@/app/plans/_components/execute-plan-button";
import { ApprovePlanForm } from "@/app/plans/_components/approve-plan-form";
import { approvalOf } from "@/lib/pipeline/plan-approval";
import { LiveUpdates } from "@/components/live-updates";
import { PlanForm } from "@/components/plan-form";
import { planAction } from "@/app/plans/actions";
import { RunTable } from "@/components/run-table";
import { runControlAction } from "@/app/runs/actions";
import { allowed } from "@/lib/policy";
import { driftOf, requestOf } from "@/lib/pipeline/plans";
import { withdrawnPartitions } from "@/lib/engine/execute-plan";
import { runPage } from "@/lib/views/runs";
import { Pager } from "@/components/pager";
import { db } from "@/lib/db";
import { utcTimestamp } from "@/lib/domain/partition";
import { readerLocale } from "@/lib/i18n/server";
import { recordedParts, render, type RecordedValue } from "@/lib/i18n/text";
import { Said } from "@/components/said";
import { ScrollTable } from "@/components/scroll-table";
import { withClientMessages } from "@/components/client-messages";

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

async function PlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const runsPage = Math.max(1, Number((await searchParams).runs) || 1);
  const user = await requireReader(`/plans/${id}`);
  const [t, f, guide, statusWords, backfillWords, locale] = await Promise.all([
    getTranslations("planPage"),
    getTranslations("planPage.f"),
    getTranslations("actionGuide"),
    getTranslations("plansList.status"),
    getTranslations("backfillStatus.label"),
    readerLocale(),
  ]);
  const found = await getPlan(id);
  if (!found) notFound();
  const { plan, madeByVersion, texts, status, fileMatches, document } = found;
  // The document's words in the reader's language (Plan.texts); a plan stored before they were kept shows its own.
  const said = (message: RecordedValue | null | undefined, prose: string) => (
    <Said parts={recordedParts(message, prose, locale)} />
  );
  /** A document field's words: rendered, with the document's own (hashed, English) beside them for other readers. */
  const documentWords = (message: RecordedValue | null | undefined, prose: string) => (
    <>
      {said(message, prose)}
      {locale !== "en" && texts && (
        <span lang="en" className="muted small document-words">
          {prose}
        </span>
      )}
    </>
  );
  const [runs, backfill] = await Promise.all([
    runPage({ planId: plan.plan_id }, runsPage),
    db.backfill.findFirst({ where: { planId: plan.plan_id }, select: { id: true, status: true } }),
  ]);
  const mayExecute = allowed(user, "execute");
  // Drift is checked as the page is drawn, so a plan the store moved away from never shows an Execute button.
  const drift = status === "planned" ? await driftOf(plan) : null;
  // Refused as drifted when executed, or found drifted now: the header says so, as the body does.
  const drifted = status === "drifted" || drift !== null;
  const { approval, notCarried } = plan.approval_required
    ? await approvalOf(plan)
    : { approval: null, notCarried: null };
  // Four eyes (policy blast_radius): a plan that rewrites released partitions waits for another person's yes.
  const awaitsApproval = Boolean(plan.approval_required) && !approval;
  const mayApprove = allowed(user, "approve_plan") && user.email !== plan.operator;

  return (
    <section>
      <nav aria-label={t("breadcrumb")} className="muted small">
        <Link href="/plans">{t("plans")}</Link> › {plan.plan_id}
      </nav>
      <div className="page-head">
        <div>
          <h1>
            {plan.kind === "window"
              ? t("titleWindow", {
                  action: plan.recovery_action,
                  from: plan.partition_key,
                  to: plan.partitions.at(-1)!.partition_key,
                })
              : t("titlePartition", { action: plan.recovery_action, key: plan.partition_key })}
          </h1>
          <p className="muted">
            {t("meta", { mode: plan.mode, id: plan.plan_id })}{" "}
            <strong>{drifted ? t("headerDrifted") : statusWords(status as "planned" | "executed")}</strong> ·{" "}
            {t("madeBy", { operator: plan.operator, time: utcTimestamp(new Date(plan.created_at)) })}
          </p>
        </div>
        <div className="counts" aria-label={t("counts")}>
          <div className="stat">
            <span className="stat-value">{plan.expected_input_count}</span>
            <span className="muted small">{t("expectedInput")}</span>
          </div>
          <div className="stat">
            <span className="stat-value">{plan.current_output_count}</span>
            <span className="muted small">{t("currentOutput")}</span>
          </div>
          {plan.kind === "window" && (
            <span className="muted small">
              {t("countsOfIncluded", { count: plan.partitions.filter((p) => p.included).length })}
            </span>
          )}
        </div>
      </div>

      {plan.guidance.map((g, i) => (
        <p key={g} role="status" className="warning">
          {said(texts?.guidance[i], g)}
        </p>
      ))}

      <section className="panel" aria-labelledby="what-heading">
        <h2 id="what-heading">{t("what")}</h2>
        {locale !== "en" && texts && <p className="muted small">{t("documentNote")}</p>}
        <p className="lead">{said(texts?.summary, plan.summary)}</p>
        <p className="small">
          {t("proposedAction")} <code>{plan.proposed_action}</code>
        </p>
        <p>
          <strong>{t("whyAction", { action: plan.recovery_action })}</strong> {said(texts?.why, plan.why)}
        </p>
        <p className="muted small">
          {t("fitsWhen", {
            action: plan.recovery_action,
            when: guide(`${plan.recovery_action}.when`),
            boundary: guide(`${plan.recovery_action}.boundary`),
          })}
        </p>
      </section>

      {plan.approval_required && (
        <section className="panel" aria-labelledby="approval-heading">
          <h2 id="approval-heading">{approval ? t("approvalGiven") : t("approvalNeeded")}</h2>
          <p>{said(texts?.approval, plan.approval_required)}</p>
          {notCarried && <p className="muted">{render(notCarried, locale)}</p>}
          {approval ? (
            <p className="ok-text" role="status">
              {t(approval.carriedFrom ? "approvalCarried" : "approvedBy", {
                approver: approval.approvedBy,
                time: utcTimestamp(approval.createdAt),
                reason: approval.reason,
              })}
              {approval.carriedFrom && (
                <>
                  {" "}
                  <Link href={`/plans/${approval.carriedFrom}`}>{t("planLink", { id: approval.carriedFrom })}</Link>
                </>
              )}
            </p>
          ) : status !== "planned" || drift ? (
            <p className="muted">{t("notExecutable")}</p>
          ) : mayApprove ? (
            <ApprovePlanForm planId={plan.plan_id} />
          ) : user.email === plan.operator ? (
            <p className="muted">{t("youMadeIt")}</p>
          ) : (
            <p className="muted">{t("onlyApprovers")}</p>
          )}
        </section>
      )}

      <section className="panel" aria-labelledby="execute-heading">
        <h2 id="execute-heading">{t("execute")}</h2>
        <LiveUpdates />
        {status === "planned" && !drift && mayExecute && awaitsApproval && (
          <p className="muted" role="status">
            {t("waitsApproval")}{" "}
            <button type="button" disabled>
              {t("executeThis")}
            </button>
          </p>
        )}
        {status === "planned" && !drift && mayExecute && !awaitsApproval && (
          <>
            <p className="small muted">{t("executeHelp")}</p>
            <ExecutePlanButton planId={plan.plan_id} withdraws={withdrawnPartitions(plan)} />
          </>
        )}
        {status === "planned" && !drift && !mayExecute && <p className="muted">{t("onlyOperators")}</p>}
        {drifted && (
          <div className="warning" role="status">
            <p>
              {t(status === "drifted" ? "drifted" : "noLongerMatches", {
                drift: drift ? render(drift, locale) : t("storeChanged"),
              })}
            </p>
            {mayExecute && <PlanForm action={planAction} fields={requestOf(plan)} label={t("replan")} />}
          </div>
        )}
        {backfill && (
          <p>
            {t("executedAs")} <Link href={`/backfills/${backfill.id}`}>{t("backfillLink", { id: backfill.id })}</Link>{" "}
            {t("followIt", { status: backfillWords(backfill.status as "queued") })}
          </p>
        )}
        {runs.total > 0 ? (
          <RunTable runs={runs.rows} cancelAction={mayExecute ? runControlAction : undefined} showPartition />
        ) : status !== "planned" && status !== "drifted" ? (
          <p className="muted">{t("noRuns")}</p>
        ) : null}
        <Pager page={runsPage} pageCount={runs.pageCount} param="runs" params={{}} label={t("runPages")} />
      </section>

      <section className="panel" aria-labelledby="fields-heading">
        <h2 id="fields-heading">{t("fields")}</h2>
        <dl className="fields">
          <Field name="partition_key" label={plan.kind === "window" ? f("partition_keyWindow") : f("partition_key")}>
            {plan.partition_key}
            {plan.kind === "window" && (
              <span className="muted small">
                {" "}
                {f("windowOf", {
                  from: plan.partition_key,
                  to: plan.window_end.slice(0, 10),
                  total: plan.partitions.length,
                  included: plan.partitions.filter((p) => p.included).length,
                })}
              </span>
            )}
          </Field>
          <Field name="window_start" label={f("window_start")}>
            {plan.window_start}
          </Field>
          <Field name="window_end" label={f("window_end")}>
            {plan.window_end}
          </Field>
          <Field name="mode" label={f("mode")}>
            {plan.mode}
          </Field>
          {plan.reprocess_mode && (
            <Field name="reprocess_mode" label={f("reprocess_mode")}>
              {plan.reprocess_mode}
            </Field>
          )}
          {plan.kind === "window" && (
            <Field name="run_order" label={f("run_order")}>
              {plan.run_order}
            </Field>
          )}
          <Field name="priority" label={f("priority")}>
            {plan.priority} <span className="muted small">{f("priorityNote")}</span>
          </Field>
          {plan.selection && (
            <Field name="selection" label={f("selection")}>
              {f("selected", { count: plan.selection.length })}
              {plan.reexecutes_backfill_id && (
                <>
                  {" "}
                  {f("reexecutes")}{" "}
                  <Link href={`/backfills/${plan.reexecutes_backfill_id}`}>
                    {t("backfillLink", { id: plan.reexecutes_backfill_id })}
                  </Link>
                </>
              )}
            </Field>
          )}
          <Field name="upstream_manifest_id" label={f("upstream_manifest_id")}>
            {plan.kind === "partition" ? (
              (plan.upstream_manifest_id ?? f("none"))
            ) : madeByVersion < 3 ? (
              <>
                {plan.upstream_manifest_id.join(", ")}{" "}
                <span className="muted small">{f("coverageNotRecorded", { version: madeByVersion })}</span>
              </>
            ) : (
              <ul className="summary-list breakable">
                {manifestCoverage(plan.partitions).map((c) => (
                  <li key={c.manifestId ?? ""}>
                    {c.manifestId ? <code>{c.manifestId}</code> : f("noManifest")}{" "}
                    {f("covers", {
                      count: c.count,
                      ranges: c.ranges.map((r) => (r.from === r.to ? r.from : `${r.from} .. ${r.to}`)).join(", "),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </Field>
          <Field name="expected_input_count" label={f("expected_input_count")}>
            {plan.expected_input_count}
          </Field>
          <Field name="current_output_count" label={f("current_output_count")}>
            {plan.current_output_count}
          </Field>
          <Field name="gap_reason" label={f("gap_reason")}>
            {plan.kind === "partition" ? (
              (plan.gap_reason ?? f("none"))
            ) : (
              <>
                {Object.entries(plan.gap_reason).map(([reason, n], i) => (
                  <span key={reason}>
                    {i > 0 && " · "}
                    <code>{reason}</code> ×{n}
                  </span>
                ))}{" "}
                <span className="muted small">{f("gapCounted", { total: plan.partitions.length })}</span>
              </>
            )}
          </Field>
          <Field name="recovery_action" label={f("recovery_action")}>
            {plan.recovery_action}
          </Field>
          <Field name="idempotency_guard" label={f("idempotency_guard")}>
            {plan.idempotency_guard}
          </Field>
          <Field name="target_assets" label={f("target_assets")}>
            {plan.target_assets.map((a) => assetName(a, locale)).join(" → ")}
          </Field>
          <Field name="downstream_impact" label={f("downstream_impact")}>
            {documentWords(texts?.impact, plan.downstream_impact)}
          </Field>
          <Field name="operator" label={f("operator")}>
            {plan.operator}
          </Field>
          <Field name="empty_input_attestation" label={f("empty_input_attestation")}>
            {plan.empty_input_attestation
              ? f("attestedBy", {
                  who: plan.empty_input_attestation.attested_by,
                  reason: plan.empty_input_attestation.reason,
                })
              : f("no")}
          </Field>
          <Field name="approval_required" label={f("approval_required")}>
            {plan.approval_required ? documentWords(texts?.approval, plan.approval_required) : f("notNeeded")}
          </Field>
          <Field name="needs" label={f("needs")}>
            {plan.needs.retry_of_run_id && <>{f("needsRun", { id: plan.needs.retry_of_run_id })}</>}
            {plan.needs.replay_manifest_id && <>{f("needsManifest", { id: plan.needs.replay_manifest_id })}</>}
            {plan.needs.restore_snapshot_id && <>{f("needsSnapshot", { id: plan.needs.restore_snapshot_id })}</>}
            {!plan.needs.retry_of_run_id &&
              !plan.needs.replay_manifest_id &&
              !plan.needs.restore_snapshot_id &&
              f("needsNothing")}
          </Field>
          <Field name="report_path" label={f("report_path")}>
            <code>{plan.report_path}</code>{" "}
            {fileMatches === true ? (
              <span className="ok-text">{f("onDisk")}</span>
            ) : fileMatches === false ? (
              <span className="muted">{f("overwritten")}</span>
            ) : (
              <span className="error-text">{f("missingOnDisk")}</span>
            )}
          </Field>
        </dl>
      </section>

      <section className="panel" aria-labelledby="partitions-heading">
        <h2 id="partitions-heading">
          {t("partitions", {
            included: plan.partitions.filter((p) => p.included).length,
            total: plan.partitions.length,
          })}
        </h2>
        <ScrollTable>
          <thead>
            <tr>
              <th scope="col">{t("colPartition")}</th>
              <th scope="col">{t("colStatusWhen")}</th>
              <th scope="col">{t("colIncluded")}</th>
              <th scope="col">{t("colWhy")}</th>
              <th scope="col">{t("colCounts")}</th>
            </tr>
          </thead>
          <tbody>
            {plan.partitions.map((p, i) => (
              <tr key={p.partition_key} className={p.included ? "" : "row-skipped"}>
                <td>
                  <Link href={`/partitions/${p.partition_key}`}>{p.partition_key}</Link>
                </td>
                <td>
                  <StatusBadge status={p.status} />
                </td>
                <td>{p.included ? t("yes") : t("no")}</td>
                <td className="small">{said(texts?.reasons[i], p.reason)}</td>
                <td>
                  {p.current_output_count} / {p.expected_input_count}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </section>

      <section className="panel" aria-labelledby="json-heading">
        <h2 id="json-heading">{t("rawJson")}</h2>
        <pre className="json" aria-label={t("planJson")} tabIndex={0}>
          {document}
        </pre>
      </section>
    </section>
  );
}

export default withClientMessages("app/plans/[id]/page", PlanPage);
