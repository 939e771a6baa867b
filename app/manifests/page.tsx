import Link from "next/link";
import { Pager } from "@/components/pager";
import { requireReader } from "@/lib/auth/page";
import { manifestList } from "@/lib/views/manifests";

export const dynamic = "force-dynamic";

export default async function ManifestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader("/manifests");
  const params = await searchParams;
  const pageNo = Math.max(1, Number(params.page) || 1);
  const page = await manifestList(pageNo);
  const loads = page.rows;
  return (
    <section>
      <h1>Manifests</h1>
      <p className="muted">
        Every upstream delivery that was loaded ({page.total.toLocaleString("en")}), newest first. A rejected manifest changes nothing: its problems are listed so the upstream can fix them.
      </p>
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
              <td>{m.windowStart && m.windowEnd ? <Link href={`/?${new URLSearchParams({ from: m.windowStart, to: m.windowEnd })}`}>{m.windowStart === m.windowEnd ? m.windowStart : `${m.windowStart} .. ${m.windowEnd}`}</Link> : "—"}</td>
              <td>{m.recordCount}</td>
              <td className="small">
                {m.files.map((f) => (
                  <div key={f.id} className="breakable">
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
      <Pager page={pageNo} pageCount={page.pageCount} params={{}} label="Manifest pages" />
    </section>
  );
}
