import { requireReader } from "@/lib/auth/page";
import { manifestLoads } from "@/lib/queries/manifests";

export const dynamic = "force-dynamic";

export default async function ManifestsPage() {
  await requireReader("/manifests");
  const loads = await manifestLoads();
  return (
    <section>
      <h1>Manifests</h1>
      <p className="muted">Every upstream delivery that was loaded. A rejected manifest changes nothing: its problems are listed so the upstream can fix them.</p>
      <table className="table panel">
        <thead>
          <tr>
            <th scope="col">Manifest</th>
            <th scope="col">Outcome</th>
            <th scope="col">Source</th>
            <th scope="col">Window</th>
            <th scope="col">Records</th>
            <th scope="col">Files</th>
            <th scope="col">Loaded</th>
          </tr>
        </thead>
        <tbody>
          {loads.map((m) => (
            <tr key={m.id} className={m.status === "rejected" ? "row-failed" : ""}>
              <td>
                <code>{m.manifestId ?? "(no manifest_id)"}</code>
                <br />
                <span className="muted small">{m.fileName}</span>
              </td>
              <td>
                {m.status === "valid" ? (
                  <span className="badge status-released">valid</span>
                ) : (
                  <>
                    <span className="badge status-quarantined">rejected</span>
                    <ul className="problems">
                      {m.problems.map((p, i) => (
                        <li key={i}>
                          <code>{p.field}</code>: {p.message}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </td>
              <td>{m.source ?? "—"}</td>
              <td>{m.windowStart ? `${m.windowStart} .. ${m.windowEnd}` : "—"}</td>
              <td>{m.recordCount}</td>
              <td className="small">
                {m.files.map((f) => (
                  <div key={f.id}>
                    <code>{f.path}</code> {f.sha256 ? <code title={f.sha256}>{f.sha256.slice(0, 10)}…</code> : <em>no sha256</em>} · {f.recordCount ?? "no record_count"}
                  </div>
                ))}
              </td>
              <td className="small">
                {m.loadedAt.toISOString().slice(0, 19).replace("T", " ")} UTC
                <br />
                by {m.loadedBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
