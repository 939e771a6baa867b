import Link from "next/link";
import { ActionButton, type ActionState } from "@/components/action-button";
import { assetLabel } from "@/lib/domain/assets";
import type { RunRow } from "@/lib/views/runs";

export const ACTIVE_RUN_STATUSES = ["queued", "running"];

function when(d: Date | null): string {
  return d ? `${d.toISOString().replace("T", " ").slice(0, 19)} UTC` : "—";
}

/** Runs with live progress (asset steps and rows written / expected) and, given the page's cancel action, a Cancel button. */
export function RunTable({ runs, cancelAction, showPartition }: { runs: RunRow[]; cancelAction?: (prev: ActionState, formData: FormData) => Promise<ActionState>; showPartition: boolean }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Run</th>
          {showPartition && <th scope="col">Partition</th>}
          <th scope="col">Action</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col">Attempt</th>
          <th scope="col">Operator</th>
          <th scope="col">Started</th>
          <th scope="col">Review</th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const assets = JSON.parse(r.targetAssets) as string[];
          const active = ACTIVE_RUN_STATUSES.includes(r.status);
          const fraction = assets.length ? r.stepsDone / assets.length : 0;
          return (
            <tr key={r.id}>
              <td>
                <Link href={`/runs/${r.id}`}>#{r.id}</Link>
              </td>
              {showPartition && (
                <td>
                  <Link href={`/partitions/${r.partitionKey}`}>{r.partitionKey}</Link>
                </td>
              )}
              <td>{r.action}</td>
              <td>
                <span className={`run-status run-${r.status}`}>{r.status}</span>
                {r.failedChecks > 0 && (
                  <div className="small error-text">
                    {r.failedChecks} check{r.failedChecks === 1 ? "" : "s"} failed
                  </div>
                )}
              </td>
              <td className="small">
                <progress max={assets.length} value={r.stepsDone} aria-label={`run ${r.id} progress`}>
                  {Math.round(fraction * 100)}%
                </progress>
                <div>
                  {r.stepsDone}/{assets.length} assets{active && r.stepsDone < assets.length ? ` · now ${assetLabel(assets[r.stepsDone]!)}` : ""} · {r.rowsDone}/{r.expectedCount ?? "?"} rows
                </div>
                {cancelAction && active && <ActionButton action={cancelAction} fields={{ runId: String(r.id), control: "cancel" }} label="Cancel" pendingLabel="Cancelling…" className="secondary" />}
              </td>
              <td>
                {r.attempt}
                {r.retryOfRunId ? ` (retry of #${r.retryOfRunId})` : ""}
              </td>
              <td>{r.operator}</td>
              <td className="small">{when(r.startedAt)}</td>
              <td className="small">{r.review}</td>
              <td className="small error-text">{r.error ?? ""}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
