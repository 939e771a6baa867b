import { assetLabel } from "@/lib/domain/assets";
import type { RowDiff } from "@/lib/domain/diff";

/**
 * What one write changed against the rows it replaced (its snapshot): counts of all, the fields that changed, and
 * the first entries ticket by ticket. A first build replaced nothing and has no diff.
 */
export function DiffTable({ asset, diff }: { asset: string; diff: RowDiff }) {
  const shown = diff.entries.length;
  const total = diff.added + diff.removed + diff.changed;
  const fields = Object.entries(diff.fields_changed).sort((a, b) => b[1] - a[1]);
  return (
    <div className="diff">
      <h3>{assetLabel(asset)}</h3>
      <p aria-label={`Diff counts of ${assetLabel(asset)}`}>
        <strong className="ok-text">{diff.added} added</strong> · <strong className={diff.removed ? "error-text" : ""}>{diff.removed} removed</strong> · <strong>{diff.changed} changed</strong> ·{" "}
        <span className="muted">{diff.unchanged} unchanged</span>
        {fields.length > 0 && <span className="small"> — fields changed: {fields.map(([name, n]) => `${name} (${n})`).join(", ")}</span>}
      </p>
      {total === 0 ? (
        <p className="muted small">The rewrite left every ticket as it was.</p>
      ) : (
        <>
          <table className="table compact">
            <caption className="muted small">
              {shown < total ? `The first ${shown} of ${total} tickets that differ, by ticket id` : `All ${total} ticket${total === 1 ? "" : "s"} that differ, by ticket id`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                <th scope="col">Change</th>
                <th scope="col">Fields (before → after)</th>
              </tr>
            </thead>
            <tbody>
              {diff.entries.map((e) => (
                <tr key={e.ticket_id} className={`diff-${e.change}`}>
                  <td>
                    <code>{e.ticket_id}</code>
                  </td>
                  <td>{e.change}</td>
                  <td className="small">
                    {Object.entries(e.fields).map(([name, [before, after]]) => (
                      <div key={name}>
                        <code>{name}</code>: {before ?? "∅"} → {after ?? "∅"}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
