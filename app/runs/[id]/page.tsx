import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RunControls } from "@/app/runs/_components/run-controls";
import { LiveUpdates } from "@/components/live-updates";
import { requireReader } from "@/lib/auth/page";
import { assetName } from "@/lib/domain/assets";
import { readerLocale } from "@/lib/i18n/server";
import { allowed } from "@/lib/policy";
import { runDetail } from "@/lib/views/runs";
import { utcTimestamp } from "@/lib/domain/partition";
import { RunReviewCell, RunStatus } from "@/components/run-table";
import { runErrorText, stepErrorText, targetAssets } from "@/lib/store-json";
import { recordedParts } from "@/lib/i18n/text";
import { Said } from "@/components/said";
import { Panel } from "@/components/panel";
import { parseStoreId } from "@/contracts/fields";
import { ScrollTable } from "@/components/scroll-table";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

function when(d: Date | null | undefined): string {
  return d ? utcTimestamp(d) : "—";
}

async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireReader(`/runs/${id}`);
  const [t, locale] = await Promise.all([getTranslations("runPage"), readerLocale()]);
  const runId = parseStoreId(id);
  const detail = runId === null ? null : await runDetail(runId);
  if (!detail) notFound();
  const { run, worker, retries, review, leaseLeft } = detail;
  const assets = targetAssets(run.targetAssets);
  const active = run.status === "queued" || run.status === "running";

  return (
    <section>
      <nav aria-label={t("breadcrumb")} className="muted small">
        {run.backfillId ? (
          <Link href={`/backfills/${run.backfillId}`}>{t("backfill", { id: run.backfillId })}</Link>
        ) : (
          <Link href={`/partitions/${run.partitionKey}`}>{run.partitionKey}</Link>
        )}{" "}
        › {t("crumbRun", { id: run.id })}
      </nav>
      <div className="page-head">
        <div>
          <h1>
            {t("title", { id: run.id, action: run.action })}{" "}
            <Link href={`/partitions/${run.partitionKey}`}>{run.partitionKey}</Link>
          </h1>
          <p className="muted">
            {t("status")} <RunStatus status={run.status} /> · {t("attempt", { attempt: run.attempt })}
            {run.retryOfRunId && (
              <>
                {" "}
                ({t("retryOf")} <Link href={`/runs/${run.retryOfRunId}`}>{t("runLink", { id: run.retryOfRunId })}</Link>
                )
              </>
            )}{" "}
            · {t("operator", { operator: run.operator })}
            {run.planId && (
              <>
                {" "}
                · {t("plan")} <Link href={`/plans/${run.planId}`}>{run.planId}</Link>
              </>
            )}
          </p>
        </div>
      </div>
      <LiveUpdates />

      <section className="panel" aria-labelledby="where-heading">
        <h2 id="where-heading">{t("where")}</h2>
        <dl className="fields">
          <div className="field">
            <dt>{t("progress")}</dt>
            <dd>
              <progress max={assets.length} value={run.stepsDone} aria-label={t("progressLabel", { id: run.id })} />{" "}
              {t("steps", { done: run.stepsDone, total: assets.length })}
              {run.status === "running" && run.stepsDone < assets.length
                ? t("now", { asset: assetName(assets[run.stepsDone]!, locale) })
                : ""}
            </dd>
          </div>
          <div className="field">
            <dt>{t("worker")}</dt>
            <dd>
              {worker
                ? t("workerLine", {
                    host: worker.host,
                    pid: worker.pid,
                    id: worker.id.slice(0, 8),
                    time: when(worker.heartbeatAt),
                  })
                : t("notClaimed")}
              {run.status === "running" && leaseLeft !== null && (
                <span className={leaseLeft < 0 ? "error-text" : "muted"}>
                  {leaseLeft < 0 ? t("leaseExpired", { seconds: -leaseLeft }) : t("leaseLeft", { seconds: leaseLeft })}
                </span>
              )}
            </dd>
          </div>
          <div className="field">
            <dt>{t("times")}</dt>
            <dd>
              {when(run.queuedAt)} / {when(run.startedAt)} / {when(run.finishedAt)}
            </dd>
          </div>
          <div className="field">
            <dt>{t("evidenceReview")}</dt>
            <dd>
              {run.evidence ? (
                <Link href={`/evidence/${run.id}`}>{t("evidenceLink", { id: run.id })}</Link>
              ) : (
                t("noEvidence")
              )}{" "}
              · <RunReviewCell runId={run.id} review={review} />
            </dd>
          </div>
          {run.error && (
            <div className="field">
              <dt>{t("error")}</dt>
              <dd className="error-text">
                <Said parts={recordedParts(runErrorText(run.errorText), run.error, locale)} />
              </dd>
            </div>
          )}
          {retries.length > 0 && (
            <div className="field">
              <dt>{t("retriedAs")}</dt>
              <dd>
                {retries.map((r) => (
                  <Link key={r.id} href={`/runs/${r.id}`}>
                    {t("retryLine", { id: r.id, attempt: r.attempt, status: r.status })}{" "}
                  </Link>
                ))}
              </dd>
            </div>
          )}
        </dl>
        {active && allowed(user, "execute") && <RunControls runId={run.id} running={run.status === "running"} />}
      </section>

      <Panel
        id="timeline-heading"
        title={t("timeline")}
        empty={run.materializations.length === 0 ? t("noStep") : undefined}
      >
        <ScrollTable>
          <thead>
            <tr>
              <th scope="col">{t("colAsset")}</th>
              <th scope="col">{t("colAttempt")}</th>
              <th scope="col">{t("colStatus")}</th>
              <th scope="col">{t("colRows")}</th>
              <th scope="col">{t("colStarted")}</th>
              <th scope="col">{t("colFinished")}</th>
              <th scope="col">{t("colError")}</th>
            </tr>
          </thead>
          <tbody>
            {run.materializations.map((m) => (
              <tr key={m.id}>
                <td>{assetName(m.assetKey, locale)}</td>
                <td>{m.attempt}</td>
                <td>
                  {m.status === "reverted" ? (
                    <span className="run-status run-reverted">{t("reverted")}</span>
                  ) : (
                    <RunStatus status={m.status} />
                  )}
                </td>
                <td>
                  {m.rowsBefore ?? "—"} → {m.rowsAfter ?? "—"}
                </td>
                <td className="small">{when(m.startedAt)}</td>
                <td className="small">{when(m.finishedAt)}</td>
                <td className="small error-text">
                  {m.error !== null && <Said parts={recordedParts(stepErrorText(m.errorText), m.error, locale)} />}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </Panel>
    </section>
  );
}

export default withClientMessages("app/runs/[id]/page", RunPage);
