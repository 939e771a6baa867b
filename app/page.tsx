import { requireReader } from "@/lib/auth/page";
import Link from "next/link";
import { CalendarGrid } from "@/components/calendar-grid";
import { LiveUpdates } from "@/components/live-updates";
import { WindowPlanForm } from "@/app/_components/window-plan-form";
import { StatusBadge } from "@/components/status-badge";
import { StatusLegend } from "@/components/status-legend";
import { parseRangeQuery } from "@/contracts/partition_query";
import { PlanForm } from "@/components/plan-form";
import { config } from "@/lib/config";
import { allowed } from "@/lib/policy";
import { calendarData, defaultRange } from "@/lib/queries/calendar";
import { REPORT_ASSET } from "@/lib/domain/assets";
import { GAP_REASON_DESCRIPTIONS, type PartitionStatus } from "@/lib/domain/status";
import { engineHealth } from "@/lib/queries/health";

export const dynamic = "force-dynamic";

// A gap on a store with many assets can span dozens of them; the partition page lists them all.
const GAP_ASSETS_SHOWN = 3;

/** The gap's plan button says what it will plan: a report rebuild touches nothing but the report. */
function planLabel(g: { status: PartitionStatus; assets: { asset: string }[] }): string {
  if (g.status !== "missing") return "Plan recovery";
  return g.assets.length === 1 && g.assets[0]!.asset === REPORT_ASSET ? "Plan report rebuild" : "Plan backfill";
}

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireReader("/");
  const mayPlan = allowed(user, "plan");
  const { partitions } = config();
  const params = await searchParams;
  const range = parseRangeQuery(partitions, params, defaultRange());
  if (!range.ok) {
    return (
      <section>
        <h1>Partition calendar</h1>
        <p role="alert" className="error">
          {range.message}
        </p>
        <Link href="/">Show the whole partitions definition</Link>
      </section>
    );
  }
  const [data, health] = await Promise.all([calendarData(range.from, range.to, Number(params.apage) || 1), engineHealth()]);
  const totalGaps = data.totalGaps;
  const pageLink = (apage: number) => `/?${new URLSearchParams({ from: data.from, to: data.to, apage: String(apage) })}`;

  return (
    <section>
      <a href="#calendar-start" className="small jump-link">
        Go to the calendar grid (arrow keys move between days)
      </a>
      <div className="page-head">
        <div>
          <h1>Partition calendar</h1>
          <p className="muted">
            Daily partitions (UTC) {data.from} → {data.to} · default partition{" "}
            <Link href={`/partitions/${data.defaultPartition}`}>{data.defaultPartition}</Link>
          </p>
        </div>
        <form className="range-form" method="get" aria-label="Show range">
          <label>
            From <input name="from" type="date" defaultValue={data.from} min={partitions.start} max={partitions.end} />
          </label>
          <label>
            To <input name="to" type="date" defaultValue={data.to} min={partitions.start} max={partitions.end} />
          </label>
          <button type="submit">Show</button>
        </form>
      </div>

      <LiveUpdates />
      {health.problems.length > 0 ? (
        <div role="alert" className="warning health" aria-label="Health">
          <strong>Needs attention:</strong>
          <ul className="problems">
            {health.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted small health" aria-label="Health">
          Healthy: <Link href="/workers">{health.workers} worker{health.workers === 1 ? "" : "s"} alive</Link> · {health.running} run{health.running === 1 ? "" : "s"} running · {health.queued} queued ·{" "}
          <Link href="/backfills">backfills</Link>
        </p>
      )}

      <StatusLegend counts={data.counts} />

      <section aria-labelledby="gaps-heading" className="panel">
        <h2 id="gaps-heading">
          {totalGaps === 0 ? "No gaps in this range" : `${totalGaps} partition${totalGaps === 1 ? "" : "s"} need recovery`}
        </h2>
        {totalGaps > data.gaps.length && (
          <p className="muted small">
            Showing the first {data.gaps.length}; narrow the range to see the others.
          </p>
        )}
        {totalGaps > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Partition</th>
                <th scope="col">Worst status</th>
                <th scope="col">Assets affected</th>
                <th scope="col">Gap reason</th>
                <th scope="col">Rows now / expected</th>
                {mayPlan && <th scope="col">Dry-run plan</th>}
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
                      .map((a) => data.labels[a.asset] ?? a.asset)
                      .join(", ")}
                    {g.assets.length > GAP_ASSETS_SHOWN && <span className="muted"> and {g.assets.length - GAP_ASSETS_SHOWN} more</span>}
                  </td>
                  <td className="small">
                    {[...new Set(g.assets.map((a) => a.gap_reason))].map((r) => (
                      <div key={r}>
                        <code>{r}</code>: {r ? GAP_REASON_DESCRIPTIONS[r] : ""}
                      </div>
                    ))}
                  </td>
                  <td className="small">
                    {g.assets.slice(0, GAP_ASSETS_SHOWN).map((a) => (
                      <div key={a.asset}>
                        {data.labels[a.asset] ?? a.asset}: {a.current_output_count} / {a.expected_input_count}
                      </div>
                    ))}
                  </td>
                  {mayPlan && (
                    <td>
                      <PlanForm fields={{ partition: g.partition_key }} label={planLabel(g)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {mayPlan && (
        <section className="panel" aria-labelledby="window-heading">
          <h2 id="window-heading">Plan a backfill window</h2>
          <p className="muted small">
            A dry run over a range of partitions: every partition is listed with whether it is included and why. Nothing is written but the plan.
          </p>
          <WindowPlanForm min={partitions.start} max={partitions.end} />
        </section>
      )}

      {data.assetPages > 1 && (
        <nav className="inline-form pager" aria-label="Asset pages">
          <span>
            Assets {(data.assetPage - 1) * data.assets.length + 1}–{(data.assetPage - 1) * data.assets.length + data.assets.length} of {data.totalAssets}
          </span>
          {data.assetPage > 1 && <Link href={pageLink(data.assetPage - 1)}>Previous assets</Link>}
          {data.assetPage < data.assetPages && <Link href={pageLink(data.assetPage + 1)}>Next assets</Link>}
        </nav>
      )}

      <div id="calendar">
        <CalendarGrid from={data.from} assets={data.grid} expected={data.expected} defaultPartition={data.defaultPartition} />
      </div>
    </section>
  );
}
