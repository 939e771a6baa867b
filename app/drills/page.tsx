import Link from "next/link";
import { revertDrillAction } from "@/app/drills/actions";
import { DrillForm } from "@/app/drills/_components/drill-form";
import { ActionButton } from "@/components/action-button";
import { requireReader } from "@/lib/auth/page";
import { config } from "@/lib/config";
import { ASSET_DEFINITIONS, PARTITIONED_ASSETS } from "@/lib/domain/assets";
import { CHECK_NAMES } from "@/lib/domain/checks";
import { DRILL_KINDS, DRILL_PRACTISES, DRILL_TITLES } from "@/lib/domain/drills";
import { allowed } from "@/lib/policy";
import { Pager } from "@/components/pager";
import { drillHistory } from "@/lib/views/drills";

export const dynamic = "force-dynamic";

export default async function DrillsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireReader("/drills");
  const mayDrill = allowed(user, "drill");
  const pageNo = Math.max(1, Number((await searchParams).page) || 1);
  const history = await drillHistory(pageNo);
  const drills = history.rows;
  const assets = PARTITIONED_ASSETS.map((key) => ({ key, label: ASSET_DEFINITIONS.find((a) => a.key === key)!.label }));
  return (
    <section>
      <h1>Safe drills</h1>
      <p className="muted">
        Create a gap on purpose to practise recovery. <strong>Preview</strong> says exactly what a drill will change; nothing changes until <strong>Apply</strong>. Every drill is recorded in the{" "}
        <Link href="/audit?action=drill">audit trail</Link> and can be reverted. No drill deletes or truncates a main table.
      </p>
      {!mayDrill && <p className="muted">Only operators run drills; you are signed in as {user.roles.join(", ")}.</p>}
      {mayDrill &&
        DRILL_KINDS.map((kind) => (
          <section key={kind} className="panel" aria-labelledby={`drill-${kind}`}>
            <h2 id={`drill-${kind}`}>{DRILL_TITLES[kind]}</h2>
            <p className="muted small">Practises: {DRILL_PRACTISES[kind]}.</p>
            <DrillForm kind={kind} title={DRILL_TITLES[kind]} assets={assets} checks={[...CHECK_NAMES]} defaultPartition={config().defaultPartition} />
          </section>
        ))}
      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">Drill history ({history.total.toLocaleString("en")})</h2>
        {drills.length === 0 ? (
          <p className="muted">No drills yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Drill</th>
                <th scope="col">Kind</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
                <th scope="col">By</th>
                <th scope="col">What it changed</th>
                {mayDrill && <th scope="col">Revert</th>}
              </tr>
            </thead>
            <tbody>
              {drills.map((d) => {
                const detail = JSON.parse(d.detail) as Record<string, unknown>;
                return (
                  <tr key={d.id}>
                    <td>#{d.id}</td>
                    <td>{d.kind}</td>
                    <td>
                      {d.partitionKey ? <Link href={`/partitions/${d.partitionKey}`}>{d.partitionKey}</Link> : "—"} {d.checkName ? <code>{d.checkName}</code> : ""}
                    </td>
                    <td>{d.status}</td>
                    <td className="small">
                      {d.operator}
                      {d.revertedBy ? ` · reverted by ${d.revertedBy}` : ""}
                    </td>
                    <td className="small breakable">
                      {Object.entries(detail)
                        .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
                        .join(" · ")
                        // Paths are shown relative to the project, as operators type them.
                        .replaceAll(`${process.cwd()}/`, "")}
                    </td>
                    {mayDrill && <td>{d.status !== "reverted" && <ActionButton action={revertDrillAction} fields={{ drillId: String(d.id) }} label="Revert" pendingLabel="Reverting…" className="secondary" />}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <Pager page={pageNo} pageCount={history.pageCount} params={{}} label="Drill history pages" />
      </section>
    </section>
  );
}
