import Link from "next/link";
import { ActionButton, type ActionState } from "@/components/action-button";
import { assetLabel } from "@/lib/domain/assets";
import type { RunRow } from "@/lib/views/runs";
import { utcTimestamp } from "@/lib/domain/partition";

export const ACTIVE_RUN_STATUSES = ["queued", "running"];

function when(d: Date | null): string {
  return d ? utcTimestamp(d) : "—";
}

/** Where a run is, in words: the step it is on, or where it stopped and why that is not "done". */
function progressText(r: RunRow, assets: string[]): string {
  const steps = `${r.stepsDone} of ${assets.length} asset steps`;
  if (r.status === "queued") return `queued · ${r.expectedCount ?? "?"} rows expected`;
  if (r.status === "running") return `${steps} done · now ${assetLabel(assets[r.stepsDone] ?? assets.at(-1)!)} · ${r.rowsDone}/${r.expectedCount ?? "?"} rows`;
  if (r.status === "succeeded") return `${steps} · ${r.rowsDone}/${r.expectedCount ?? "?"} rows`;
  if (r.status === "cancelled") return `cancelled after ${steps}; what it wrote was undone`;
  return `stopped at ${assetLabel(assets[r.stepsDone] ?? assets.at(-1)!)} (${steps} done)`;
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
                <div>{progressText(r, assets)}</div>
                {cancelAction && active && <ActionButton action={cancelAction} fields={{ runId: String(r.id), control: "cancel" }} label="Cancel" pendingLabel="Cancelling…" className="secondary" />}
              </td>
              <td>
                {r.attempt}
                {r.retryOfRunId ? (
                  <>
                    {" "}
                    (retry of <Link href={`/runs/${r.retryOfRunId}`}>#{r.retryOfRunId}</Link>)
                  </>
                ) : (
                  ""
                )}
              </td>
              <td>{r.operator}</td>
              <td className="small">{when(r.startedAt)}</td>
              <td className="small">{r.review === "awaiting review" || r.review.startsWith("approved") || r.review.startsWith("rejected") ? <Link href={`/evidence/${r.id}`}>{r.review}</Link> : r.review}</td>
              <td className="small error-text">{r.error ?? ""}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
