import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DrillForm } from "@/app/drills/_components/drill-form";
import { RevertDrillForm } from "@/app/drills/_components/revert-form";
import { drillRevertSchema } from "@/contracts/drill";
import { requireReader } from "@/lib/auth/page";
import { config } from "@/lib/config";
import { PARTITIONED_ASSETS, assetName } from "@/lib/domain/assets";
import { readerLocale } from "@/lib/i18n/server";
import { CHECK_NAMES } from "@/lib/domain/checks";
import { DRILL_KINDS } from "@/lib/domain/drills";
import { allowed } from "@/lib/policy";
import { Pager } from "@/components/pager";
import { drillHistory, drillToRevert } from "@/lib/views/drills";
import { drillDetail } from "@/lib/store-json";
import { Panel } from "@/components/panel";
import { Said } from "@/components/said";
import { quote } from "@/lib/i18n/text";
import { factsParts } from "@/lib/views/facts";
import { ScrollTable } from "@/components/scroll-table";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

async function DrillsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireReader("/drills");
  const t = await getTranslations("drillsPage");
  const mayDrill = allowed(user, "drill");
  const query = await searchParams;
  const pageNo = Math.max(1, Number(query.page) || 1);
  // ?revert=<id>: the revert panel of that drill (preview, then a confirmed revert).
  const revertId = drillRevertSchema.shape.drillId.safeParse(query.revert);
  const [history, toRevert] = await Promise.all([
    drillHistory(pageNo),
    mayDrill && revertId.success ? drillToRevert(revertId.data) : null,
  ]);
  const tTarget = await getTranslations("drillForm");
  const drills = history.rows;
  const locale = await readerLocale();
  const assets = PARTITIONED_ASSETS.map((key) => ({ key, label: assetName(key, locale) }));
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">
        {t("intro1")} {t("intro2")} <Link href="/audit?action=drill">{t("auditTrail")}</Link> {t("intro3")}
      </p>
      {!mayDrill && <p className="muted">{t("onlyOperators", { roles: user.roles.join(", ") })}</p>}
      {mayDrill &&
        DRILL_KINDS.map((kind) => (
          <section key={kind} className="panel" aria-labelledby={`drill-${kind}`}>
            <h2 id={`drill-${kind}`}>{t(`kindTitle.${kind}`)}</h2>
            <p className="muted small">{t("practises", { what: t(`practise.${kind}`) })}</p>
            <DrillForm
              kind={kind}
              title={t(`kindTitle.${kind}`)}
              assets={assets}
              checks={[...CHECK_NAMES]}
              defaultPartition={config().defaultPartition}
            />
          </section>
        ))}
      {mayDrill && revertId.success && (
        <Panel
          id="revert-heading"
          title={t("revertTitle", { id: revertId.data })}
          empty={toRevert ? undefined : t("revertNone", { id: revertId.data })}
          intro={
            toRevert && (
              <p className="muted small">
                {t("revertAbout", {
                  kind: toRevert.kind,
                  target: toRevert.partitionKey ?? "—",
                  status: t(`status.${toRevert.status}`),
                  operator: toRevert.operator,
                })}{" "}
                <Link href={pageNo > 1 ? `/drills?page=${pageNo}` : "/drills"}>{t("revertClose")}</Link>
              </p>
            )
          }
        >
          {toRevert && (
            <RevertDrillForm
              key={toRevert.id}
              drillId={toRevert.id}
              kind={toRevert.kind}
              target={
                toRevert.partitionKey
                  ? tTarget("targetPartition", { key: toRevert.partitionKey })
                  : tTarget("targetManifests")
              }
              partitionKey={toRevert.partitionKey}
              reverted={toRevert.status === "reverted"}
            />
          )}
        </Panel>
      )}
      <Panel
        id="history-heading"
        title={t("history", { count: history.total.toLocaleString("en") })}
        empty={drills.length === 0 ? t("none") : undefined}
        footer={<Pager page={pageNo} pageCount={history.pageCount} params={{}} label={t("pages")} />}
      >
        <ScrollTable>
          <thead>
            <tr>
              <th scope="col">{t("colDrill")}</th>
              <th scope="col">{t("colKind")}</th>
              <th scope="col">{t("colTarget")}</th>
              <th scope="col">{t("colStatus")}</th>
              <th scope="col">{t("colBy")}</th>
              <th scope="col">{t("colChanged")}</th>
              {mayDrill && <th scope="col">{t("colRevert")}</th>}
            </tr>
          </thead>
          <tbody>
            {drills.map((d) => {
              const detail = drillDetail(d.detail);
              return (
                <tr key={d.id}>
                  <td>#{d.id}</td>
                  <td>{d.kind}</td>
                  <td>
                    {d.partitionKey ? <Link href={`/partitions/${d.partitionKey}`}>{d.partitionKey}</Link> : "—"}{" "}
                    {d.checkName ? <code>{d.checkName}</code> : ""}
                  </td>
                  <td>{t(`status.${d.status}`)}</td>
                  <td className="small">
                    {d.operator}
                    {d.revertedBy ? t("revertedBy", { who: d.revertedBy }) : ""}
                  </td>
                  <td className="small breakable">
                    {/* Paths, ids and the system's messages as recorded; paths relative to the project, as typed. */}
                    <Said
                      parts={factsParts(detail, locale, { quoteStrings: true }).map((p) =>
                        typeof p === "string" ? p : quote(p.quote.replaceAll(`${process.cwd()}/`, "")),
                      )}
                    />
                  </td>
                  {mayDrill && (
                    <td>
                      {d.status !== "reverted" && (
                        <Link
                          href={`/drills?${new URLSearchParams({ ...(pageNo > 1 ? { page: String(pageNo) } : {}), revert: String(d.id) })}#revert-heading`}
                        >
                          {t("revert")}
                        </Link>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </ScrollTable>
      </Panel>
    </section>
  );
}

export default withClientMessages("app/drills/page", DrillsPage);
