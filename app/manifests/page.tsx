import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Pager } from "@/components/pager";
import { requireReader } from "@/lib/auth/page";
import { manifestList } from "@/lib/views/manifests";
import { utcTimestamp } from "@/lib/domain/partition";
import { readerLocale } from "@/lib/i18n/server";
import { quote, recordedOr, recordedParts, text } from "@/lib/i18n/text";
import { Said } from "@/components/said";
import { ScrollTable } from "@/components/scroll-table";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

async function ManifestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireReader("/manifests");
  const params = await searchParams;
  const pageNo = Math.max(1, Number(params.page) || 1);
  const [page, t, locale] = await Promise.all([manifestList(pageNo), getTranslations("manifests"), readerLocale()]);
  const loads = page.rows;
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro", { count: page.total.toLocaleString("en") })}</p>
      <ScrollTable className="table panel">
        <thead>
          <tr>
            <th scope="col">{t("colManifest")}</th>
            <th scope="col">{t("colOutcome")}</th>
            <th scope="col">{t("colSource")}</th>
            <th scope="col">{t("colWindow")}</th>
            <th scope="col">{t("colRecords")}</th>
            <th scope="col">{t("colFiles")}</th>
            <th scope="col">{t("colLoaded")}</th>
          </tr>
        </thead>
        <tbody>
          {loads.map((m) => (
            <tr key={m.id} className={m.status === "rejected" ? "row-failed" : ""}>
              <td>
                <code>{m.manifestId ?? t("noId")}</code>
                <br />
                <span className="muted small">{m.fileName}</span>
              </td>
              <td>
                {m.status === "valid" ? (
                  <span className="badge status-released">{t("valid")}</span>
                ) : (
                  <>
                    <span className="badge status-quarantined">{t("rejected")}</span>
                    <ul className="problems">
                      {m.problems.map((p, i) => (
                        <li key={i}>
                          <Said
                            parts={recordedParts(
                              text("manifestProblem.at", {
                                field: quote(p.field),
                                problem: recordedOr(p.text, p.message),
                              }),
                              `${p.field}: ${p.message}`,
                              locale,
                            )}
                          />
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </td>
              <td>{m.source ?? "—"}</td>
              <td>
                {m.windowStart && m.windowEnd ? (
                  <Link href={`/?${new URLSearchParams({ from: m.windowStart, to: m.windowEnd })}`}>
                    {m.windowStart === m.windowEnd ? m.windowStart : `${m.windowStart} .. ${m.windowEnd}`}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td>{m.recordCount}</td>
              <td className="small">
                {m.files.map((f) => (
                  <div key={f.id} className="breakable">
                    <code>{f.path}</code>{" "}
                    {f.sha256 ? <code title={f.sha256}>{f.sha256.slice(0, 10)}…</code> : <em>{t("noSha")}</em>} ·{" "}
                    {f.recordCount ?? t("noCount")}
                  </div>
                ))}
              </td>
              <td className="small">
                {utcTimestamp(m.loadedAt)}
                <br />
                {t("by", { who: m.loadedBy })}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <Pager page={pageNo} pageCount={page.pageCount} params={{}} label={t("pages")} />
    </section>
  );
}

export default withClientMessages("app/manifests/page", ManifestsPage);
