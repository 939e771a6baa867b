import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChecksTable } from "@/components/checks-table";
import { requireReader } from "@/lib/auth/page";
import { StatusBadge } from "@/components/status-badge";
import { config } from "@/lib/config";
import { DOWNSTREAM_CONSUMERS, assetName, nameList } from "@/lib/domain/assets";
import { inDefinition, partitionKeyProblemText, utcTimestamp, type PartitionKey } from "@/lib/domain/partition";
import { PlanForm } from "@/components/plan-form";
import { planAction } from "@/app/plans/actions";
import { readerLocale } from "@/lib/i18n/server";
import { render } from "@/lib/i18n/text";
import { allowed } from "@/lib/policy";
import { partitionDetail } from "@/lib/views/partition";
import { Pager } from "@/components/pager";
import { LiveUpdates } from "@/components/live-updates";
import { RunTable } from "@/components/run-table";
import { runControlAction } from "@/app/runs/actions";
import { Panel } from "@/components/panel";
import { ScrollTable } from "@/components/scroll-table";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

function when(d: Date | null): string {
  return d ? utcTimestamp(d) : "—";
}

async function PartitionPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { key } = await params;
  const query = await searchParams;
  const pages = { runs: Math.max(1, Number(query.runs) || 1), snapshots: Math.max(1, Number(query.snapshots) || 1) };
  const user = await requireReader(`/partitions/${key}`);
  const [t, tStatus, tGap, guide, tDownstream, locale] = await Promise.all([
    getTranslations("partitionPage"),
    getTranslations("status"),
    getTranslations("gapReason"),
    getTranslations("actionGuide"),
    getTranslations("downstream"),
    readerLocale(),
  ]);
  const { partitions, defaultPartition } = config();
  // A key that names no day of the partitions definition (malformed, impossible, or outside it) is a 404: the
  // segment's not-found page says what a partition key is.
  if (partitionKeyProblemText(key) || !inDefinition(partitions, key as PartitionKey)) notFound();
  const p = await partitionDetail(key as PartitionKey, pages);
  const keep = {
    runs: pages.runs > 1 ? String(pages.runs) : undefined,
    snapshots: pages.snapshots > 1 ? String(pages.snapshots) : undefined,
  };
  const mayPlan = allowed(user, "plan");
  // A build from no input is refused unless attested (the empty-input gate); restore reads a snapshot, not input.
  const emptyBuild = (action: string) => p.expectedInputCount === 0 && action !== "restore";

  return (
    <section>
      <nav aria-label={t("breadcrumb")} className="muted small">
        <Link href="/">{t("calendar")}</Link> › {p.key}
      </nav>
      <div className="page-head">
        <div>
          <h1>
            {t("title", { key: p.key })} {p.key === defaultPartition && <span className="tag">{t("defaultTag")}</span>}
          </h1>
          <p className="muted">
            {t("window")} <code>{p.window_start}</code> .. <code>{p.window_end}</code> · {t("guard")}{" "}
            <code>ticket_id + partition_key</code>
          </p>
        </div>
        <div className="stat">
          <span className="stat-value">{p.expectedInputCount}</span>
          <span className="muted small">{t("expectedInput", { count: p.manifests.length })}</span>
        </div>
      </div>
      {p.expectedInputCount === 0 && (
        <div role="status" className="warning">
          <p>{t("noInput", { key: p.key, manifests: p.manifests.map((m) => m.manifestId).join(", ") || t("none") })}</p>
          {mayPlan && (
            <PlanForm
              action={planAction}
              fields={{ partition: p.key, action: "backfill" }}
              label={t("planEmpty")}
              className="form attest-form"
            >
              <label>
                {t("attestLabel", { key: p.key })}
                <input name="attest_empty" required maxLength={500} placeholder={t("attestPlaceholder")} />
              </label>
            </PlanForm>
          )}
        </div>
      )}

      <LiveUpdates />

      <section className="panel" aria-labelledby="assets-heading">
        <h2 id="assets-heading">{t("assets")}</h2>
        <ScrollTable>
          <thead>
            <tr>
              <th scope="col">{t("colAsset")}</th>
              <th scope="col">{t("colStatus")}</th>
              <th scope="col">{t("colRows")}</th>
              <th scope="col">{t("colGapReason")}</th>
              <th scope="col">{t("colMeaning")}</th>
            </tr>
          </thead>
          <tbody>
            {p.statuses.map((s) => (
              <tr key={s.asset}>
                <th scope="row">
                  {assetName(s.asset, locale)}
                  <br />
                  <code className="muted small">{s.asset}</code>
                </th>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td>
                  <span className={s.current_output_count === s.expected_input_count ? "" : "mismatch"}>
                    {s.current_output_count}
                  </span>{" "}
                  / {s.expected_input_count}
                </td>
                <td className="small">
                  {s.gap_reason ? (
                    <>
                      <code>{s.gap_reason}</code>: {tGap(s.gap_reason)}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="muted small">{tStatus(`description.${s.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
        <p className="small" role="group" aria-label={tDownstream("label")}>
          {tDownstream("line", {
            consumers: render(nameList([...DOWNSTREAM_CONSUMERS]), locale),
            why: render(p.downstream, locale),
          })}
        </p>
      </section>

      <section className="panel" aria-labelledby="recovery-heading">
        <h2 id="recovery-heading">{t("recovery")}</h2>
        <p>
          {p.fittingAction ? (
            <>
              {t("fits")} <strong>{p.fittingAction}</strong>. {t("fitsHelp")}
            </>
          ) : (
            <>{t("noRecovery")}</>
          )}
        </p>
        <ScrollTable>
          <thead>
            <tr>
              <th scope="col">{t("colAction")}</th>
              <th scope="col">{t("colWhen")}</th>
              <th scope="col">{t("colNow")}</th>
              {mayPlan && <th scope="col">{t("colPlan")}</th>}
            </tr>
          </thead>
          <tbody>
            {p.actions.map((a) => (
              <tr key={a.action} className={a.action === p.fittingAction ? "row-fits" : ""}>
                <th scope="row">{a.action}</th>
                <td className="small">{guide(`${a.action}.when`)}</td>
                <td className="small">
                  {a.ok ? (
                    <>✓ {render(a.whyText, locale)}</>
                  ) : (
                    <span className="muted">✗ {render(a.text, locale)}</span>
                  )}
                  {a.ok && emptyBuild(a.action) && <div className="warning-text">{t("butEmpty")}</div>}
                </td>
                {mayPlan && (
                  <td>
                    {a.ok && !emptyBuild(a.action) ? (
                      <PlanForm
                        action={planAction}
                        fields={{ partition: p.key, action: a.action }}
                        label={t("planAction", { action: a.action })}
                      />
                    ) : (
                      <button type="button" disabled title={a.ok ? t("attestFirst") : render(a.text, locale)}>
                        {t("planAction", { action: a.action })}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
        {!mayPlan && <p className="muted small">{t("onlyOperators", { roles: user.roles.join(", ") })}</p>}
      </section>

      <Panel
        id="manifests-heading"
        title={t("manifests")}
        empty={p.manifests.length === 0 ? t("noManifest") : undefined}
      >
        <ScrollTable>
          <thead>
            <tr>
              <th scope="col">{t("colManifest")}</th>
              <th scope="col">{t("colSource")}</th>
              <th scope="col">{t("colWindow")}</th>
              <th scope="col">{t("colLines")}</th>
              <th scope="col">{t("colSha")}</th>
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
        </ScrollTable>
      </Panel>

      <Panel
        id="runs-heading"
        title={t("runs", { count: p.runs.total.toLocaleString("en") })}
        empty={p.runs.total === 0 ? t("noRuns") : undefined}
        footer={
          <Pager page={pages.runs} pageCount={p.runs.pageCount} param="runs" params={keep} label={t("runPages")} />
        }
      >
        <RunTable
          runs={p.runs.rows}
          cancelAction={allowed(user, "execute") ? runControlAction : undefined}
          showPartition={false}
        />
      </Panel>

      <Panel
        id="checks-heading"
        title={t("checks")}
        empty={p.checks.length === 0 ? t("noChecks") : undefined}
        intro={<p className="muted small">{t("checksNote")}</p>}
      >
        <ChecksTable checks={p.checks} />
      </Panel>

      <Panel
        id="snapshots-heading"
        title={t("snapshots")}
        empty={p.snapshots.total === 0 ? t("noSnapshots") : undefined}
        footer={
          <Pager
            page={pages.snapshots}
            pageCount={p.snapshots.pageCount}
            param="snapshots"
            params={keep}
            label={t("snapshotPages")}
          />
        }
      >
        <ScrollTable>
          <thead>
            <tr>
              <th scope="col">{t("colSnapshot")}</th>
              <th scope="col">{t("colAsset")}</th>
              <th scope="col">{t("colRowCount")}</th>
              <th scope="col">{t("colBefore")}</th>
              <th scope="col">{t("colTaken")}</th>
            </tr>
          </thead>
          <tbody>
            {p.snapshots.rows.map((s) => (
              <tr key={s.id}>
                <td>#{s.id}</td>
                <td>{assetName(s.assetKey, locale)}</td>
                <td>
                  {s.rowCount}
                  {!s.checksPassed && <span className="muted small"> {t("rowsFailed")}</span>}
                </td>
                <td>
                  <Link href={`/runs/${s.takenBeforeRunId}`}>{t("runLink", { id: s.takenBeforeRunId })}</Link>
                </td>
                <td className="small">{when(s.takenAt)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </Panel>
    </section>
  );
}

export default withClientMessages("app/partitions/[key]/page", PartitionPage);
