import { assetLabel } from "@/lib/domain/assets";

export interface CheckRow {
  id: number;
  assetKey: string;
  name: string;
  severity: string;
  passed: boolean;
  observed: string;
  expected: string;
  message: string;
}

/** Check results, as given (callers order failures first); a failed warning is shown as a warning. */
export function ChecksTable({ checks }: { checks: CheckRow[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col">Check</th>
          <th scope="col">Severity</th>
          <th scope="col">Result</th>
          <th scope="col">Observed</th>
          <th scope="col">Expected</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => (
          <tr key={c.id} className={c.passed ? "" : c.severity === "blocking" ? "row-failed" : "row-warning"}>
            <td>{assetLabel(c.assetKey)}</td>
            <td>
              <code>{c.name}</code>
            </td>
            <td>{c.severity}</td>
            <td>{c.passed ? "✓ passed" : c.severity === "blocking" ? "✗ failed" : "! warning"}</td>
            <td>{c.observed}</td>
            <td>{c.expected}</td>
            <td className="small">{c.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
