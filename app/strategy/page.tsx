import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { requireReader } from "@/lib/auth/page";
import { assetLabel } from "@/lib/domain/assets";
import { strategy, strategyMarkdown } from "@/lib/queries/strategy";

export const dynamic = "force-dynamic";

export default async function StrategyPage() {
  await requireReader("/strategy");
  const s = await strategy();
  const c = s.selfCheck;
  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Week06 recovery strategy</h1>
          <p className="muted">
            Generated from the recovery policy (<code>{s.policyFile}</code>, version {s.policyVersion}) and the live store. The actions enforce the same policy.
          </p>
        </div>
        <div className="inline-form">
          <a className="button" href="/strategy/markdown?lang=zh" download>
            Download Markdown (course headings)
          </a>
          <a className="button secondary" href="/strategy/markdown?lang=en" download>
            Download Markdown (English)
          </a>
        </div>
      </div>

      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading">The strategy</h2>
        <dl className="fields">
          <div className="field">
            <dt>Default partition</dt>
            <dd>
              <Link href={`/partitions/${s.defaultPartition}`}>{s.defaultPartition}</Link>
            </dd>
          </div>
          <div className="field">
            <dt>Assets allowed for backfill</dt>
            <dd>{s.backfillAssets.map(assetLabel).join(", ")}</dd>
          </div>
          <div className="field">
            <dt>Dry-run report path</dt>
            <dd>
              <code>{s.dryRunReportPath}</code>
            </dd>
          </div>
          <div className="field">
            <dt>Checks required after a backfill</dt>
            <dd>
              {s.requiredAfterBackfill.map((name) => (
                <code key={name} className="chip">
                  {name}
                </code>
              ))}
            </dd>
          </div>
        </dl>
        <h3>Objects never deleted directly</h3>
        <ul>
          {s.neverDelete.map((o) => (
            <li key={o.object}>
              <strong>{o.object}</strong> — {o.why}
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="actions-heading">
        <h2 id="actions-heading">The five recovery actions, side by side</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Use it when</th>
              <th scope="col">Boundary it keeps</th>
              <th scope="col">Allowed on</th>
              <th scope="col">Checks that must pass</th>
            </tr>
          </thead>
          <tbody>
            {s.actions.map((a) => (
              <tr key={a.action}>
                <th scope="row">{a.action}</th>
                <td className="small">{a.when}</td>
                <td className="small">{a.boundary}</td>
                <td className="small">{a.assets.map(assetLabel).join(", ")}</td>
                <td className="small">{a.requiredChecks.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-labelledby="gaps-heading">
        <h2 id="gaps-heading">Current gaps and the action each needs</h2>
        {s.gapCount > s.gaps.length && (
          <p className="muted small">
            The first {s.gaps.length} of {s.gapCount}; <Link href="/">the calendar</Link> lists them all.
          </p>
        )}
        {s.gaps.length === 0 ? (
          <p>No gaps.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Partition</th>
                <th scope="col">Status</th>
                <th scope="col">Gap reason</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {s.gaps.map((g) => (
                <tr key={g.partitionKey}>
                  <td>
                    <Link href={`/partitions/${g.partitionKey}`}>{g.partitionKey}</Link>
                  </td>
                  <td>
                    <StatusBadge status={g.status} />
                  </td>
                  <td>
                    <code>{g.gapReason}</code>
                  </td>
                  <td>{g.action ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="self-check-heading">
        <h2 id="self-check-heading">Self-check, against the live system</h2>
        <ol className="self-check">
          <li>
            <strong>Why not a full rerun by default?</strong> A full rerun would rewrite {c.partitions} partitions × {c.assets} assets and hold every one of them from downstream until
            reviewed; {s.gapCount} partition{s.gapCount === 1 ? "" : "s"} actually need recovery. The planner picks the action that fits each gap and never proposes a rerun unless asked.
          </li>
          <li>
            <strong>The five actions side by side:</strong> the table above — each with its precondition, boundary and required checks, enforced on the server.
          </li>
          <li>
            <strong>A dry-run plan you can open:</strong>{" "}
            {c.latestPlanId ? <Link href={`/plans/${c.latestPlanId}`}>plan {c.latestPlanId}</Link> : <>none yet — plan one from a gap on the <Link href="/">calendar</Link></>}; each is written
            to <code>{s.dryRunReportPath.replace(/[^/]+$/, "")}</code>.
          </li>
          <li>
            <strong>Drills do not touch main tables:</strong> {c.drills} drill{c.drills === 1 ? "" : "s"} recorded; the main tables hold {c.mainTableRows.raw} raw and {c.mainTableRows.silver} silver rows. No drill
            has a delete path, and <code>lib/pipeline/drills.test.ts</code> applies and reverts each one asserting the row counts outside the drilled partition are unchanged.
          </li>
          <li>
            <strong>Every recovery went through checks and evidence:</strong> {c.recoveryRuns} succeeded recovery run{c.recoveryRuns === 1 ? "" : "s"}; {c.withChecks} with checks,{" "}
            {c.withEvidence} with evidence, {c.approved} approved by a reviewer.{" "}
            {c.recoveryRuns === 0 ? "No recovery has run yet." : c.withChecks === c.recoveryRuns && c.withEvidence === c.recoveryRuns ? "✓ none skipped them." : "✗ some did not — investigate on /evidence."}
          </li>
        </ol>
      </section>

      <section className="panel" aria-labelledby="md-heading">
        <h2 id="md-heading">Markdown preview (course headings)</h2>
        <pre className="json" aria-label="Strategy Markdown" tabIndex={0}>
          {strategyMarkdown(s, "zh")}
        </pre>
      </section>
    </section>
  );
}
