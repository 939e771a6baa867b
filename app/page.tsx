import { requireReader } from "@/lib/auth/page";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CalendarGrid } from "@/components/calendar-grid";
import { DateField } from "@/components/date-field";
import { LiveUpdates } from "@/components/live-updates";
import { WindowPlanForm } from "@/app/_components/window-plan-form";
import { StatusBadge } from "@/components/status-badge";
import { StatusLegend } from "@/components/status-legend";
import { parseRangeQuery } from "@/contracts/partition_query";
import { PlanForm } from "@/components/plan-form";
import { planAction } from "@/app/plans/actions";
import { config } from "@/lib/config";
import { allowed } from "@/lib/policy";
import { calendarData, defaultRange } from "@/lib/views/calendar";
import { REPORT_ASSET, assetName } from "@/lib/domain/assets";
import type { PartitionStatus } from "@/lib/domain/status";
import { engineHealth } from "@/lib/views/health";
import { readerLocale } from "@/lib/i18n/server";
import { render } from "@/lib/i18n/text";
import { ScrollTable } from "@/components/scroll-table";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

// A gap on a store with many assets can span dozens of them; the partition page lists them all.
const GAP_ASSETS_SHOWN = 3;

/** The gap's plan button says what it will plan: a report rebuild touches nothing but the report. */
function planLabel(g: { status: PartitionStatus; assets: { asset: string }[] }) {
  if (g.status !== "missing") return "planRecovery" as const;
  return g.assets.length === 1 && g.assets[0]!.asset === REPORT_ASSET
    ? ("planReportRebuild" as const)
    : ("planBackfill" as const);
}

async function CalendarPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireReader("/");
  const [t, tGap, locale] = await Promise.all([
    getTranslations("calendar"),
    getTranslations("gapReason"),
    readerLocale(),
  ]);
  const mayPlan = allowed(user, "plan");
  const { partitions } = config();
  const params = await searchParams;
  const range = parseRangeQuery(partitions, params, defaultRange());
  if (!range.ok) {
    return (
      <section>
        <h1>{t("title")}</h1>
        <p role="alert" className="error">
          {render(range.text, locale)}
        </p>
        <Link href="/">{t("wholeDefinition")}</Link>
      </section>
    );
  }
  const [data, health] = await Promise.all([
    calendarData(range.from, range.to, Number(params.apage) || 1),
    engineHealth(),
  ]);
  const totalGaps = data.totalGaps;
  const pageLink = (apage: number) =>
    `/?${new URLSearchParams({ from: data.from, to: data.to, apage: String(apage) })}`;

  return (
    <section>
      <a href="#calendar-start" className="small jump-link">
        {t("jump")}
      </a>
      <div className="page-head">
        <div>
          <h1>{t("title")}</h1>
          <p className="muted">
            {t("subtitle", { from: data.from, to: data.to })}{" "}
            <Link href={`/partitions/${data.defaultPartition}`}>{data.defaultPartition}</Link>
          </p>
        </div>
        <form className="range-form" method="get" aria-label={t("showRange")}>
          <label>
            {t("from")} <DateField name="from" defaultValue={data.from} />
          </label>
          <label>
            {t("to")} <DateField name="to" defaultValue={data.to} />
          </label>
          <button type="submit">{t("show")}</button>
        </form>
      </div>

      <LiveUpdates />
      {health.problems.length > 0 || data.unverified.length > 0 ? (
        <div role="alert" className="warning health" aria-label={t("health")}>
          <strong>{t("needsAttention")}</strong>
          <ul className="problems">
            {health.problems.map((p) => {
              const said = render(p, locale);
              return <li key={said}>{said}</li>;
            })}
            {data.unverified.length > 0 && (
              <li>
                {t("unverified", { count: data.unverified.length })}
                <ul aria-label={t("unverifiedList")}>
                  {data.unverified.map((u) => (
                    <li key={`${u.reviewId}-${u.partitionKey}`}>
                      {u.runId !== null ? (
                        <Link href={`/evidence/${u.runId}`}>
                          {t("unverifiedRun", { runId: u.runId, key: u.partitionKey, reviewer: u.reviewer ?? "—" })}
                        </Link>
                      ) : (
                        <Link href={`/partitions/${u.partitionKey}`}>
                          {t("unverifiedMark", { key: u.partitionKey, cells: u.cells })}
                        </Link>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            )}
          </ul>
        </div>
      ) : (
        <p className="muted small health" aria-label={t("health")}>
          {t("healthy")} <Link href="/workers">{t("workersAlive", { count: health.workers })}</Link> ·{" "}
          {t("runsRunning", { count: health.running })} · {t("queued", { count: health.queued })} ·{" "}
          <Link href="/backfills">{t("backfills")}</Link>
        </p>
      )}

      <StatusLegend counts={data.counts} />

      <section aria-labelledby="gaps-heading" className="panel">
        <h2 id="gaps-heading">{totalGaps === 0 ? t("noGaps") : t("gaps", { count: totalGaps })}</h2>
        {totalGaps > data.gaps.length && (
          <p className="muted small">{t("showingFirst", { count: data.gaps.length })}</p>
        )}
        {totalGaps > 0 && (
          <ScrollTable>
            <thead>
              <tr>
                <th scope="col">{t("colPartition")}</th>
                <th scope="col">{t("colWorst")}</th>
                <th scope="col">{t("colAssets")}</th>
                <th scope="col">{t("colGapReason")}</th>
                <th scope="col">{t("colRows")}</th>
                {mayPlan && <th scope="col">{t("colPlan")}</th>}
              </tr>
            </thead>
            <tbody>
              {data.gaps.map((g) => (
                <tr key={g.partition_key}>
                  <td>
                    <Link href={`/partitions/${g.partition_key}`}>{g.partition_key}</Link>
                  </td>
                  <td>
                    <StatusBadge status={g.status} />
                  </td>
                  <td>
                    {g.assets
                      .slice(0, GAP_ASSETS_SHOWN)
                      .map((a) => assetName(a.asset, locale, data.labels[a.asset]))
                      .join(", ")}
                    {g.assets.length > GAP_ASSETS_SHOWN && (
                      <span className="muted"> {t("andMore", { count: g.assets.length - GAP_ASSETS_SHOWN })}</span>
                    )}
                  </td>
                  <td className="small">
                    {[...new Set(g.assets.map((a) => a.gap_reason))].map((r) => (
                      <div key={r}>
                        <code>{r}</code>: {r ? tGap(r) : ""}
                      </div>
                    ))}
                  </td>
                  <td className="small">
                    {g.assets.slice(0, GAP_ASSETS_SHOWN).map((a) => (
                      <div key={a.asset}>
                        {assetName(a.asset, locale, data.labels[a.asset])}: {a.current_output_count} /{" "}
                        {a.expected_input_count}
                      </div>
                    ))}
                  </td>
                  {mayPlan && (
                    <td>
                      <PlanForm action={planAction} fields={{ partition: g.partition_key }} label={t(planLabel(g))} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
      </section>

      {mayPlan && (
        <section className="panel" aria-labelledby="window-heading">
          <h2 id="window-heading">{t("windowTitle")}</h2>
          <p className="muted small">{t("windowHelp")}</p>
          <WindowPlanForm />
        </section>
      )}

      {data.assetPages > 1 && (
        <nav className="inline-form pager" aria-label={t("assetPages")}>
          <span>
            {t("assetsRange", {
              first: (data.assetPage - 1) * data.assets.length + 1,
              last: (data.assetPage - 1) * data.assets.length + data.assets.length,
              total: data.totalAssets,
            })}
          </span>
          {data.assetPage > 1 && <Link href={pageLink(data.assetPage - 1)}>{t("previousAssets")}</Link>}
          {data.assetPage < data.assetPages && <Link href={pageLink(data.assetPage + 1)}>{t("nextAssets")}</Link>}
        </nav>
      )}

      <div id="calendar">
        <CalendarGrid
          from={data.from}
          assets={data.grid}
          expected={data.expected}
          defaultPartition={data.defaultPartition}
        />
      </div>
    </section>
  );
}

export default withClientMessages("app/page", CalendarPage);
