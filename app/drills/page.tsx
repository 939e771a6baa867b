import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { revertDrillAction } from "@/app/drills/actions";
import { DrillForm } from "@/app/drills/_components/drill-form";
import { ActionButton } from "@/components/action-button";
import { requireReader } from "@/lib/auth/page";
import { config } from "@/lib/config";
import { PARTITIONED_ASSETS, assetName } from "@/lib/domain/assets";
import { readerLocale } from "@/lib/i18n/server";
import { CHECK_NAMES } from "@/lib/domain/checks";
import { DRILL_KINDS } from "@/lib/domain/drills";
import { allowed } from "@/lib/policy";
import { Pager } from "@/components/pager";
import { drillHistory } from "@/lib/views/drills";
import { drillDetail } from "@/lib/store-json";
import { Panel } from "@/components/panel";
import { ScrollTable } from "@/components/scroll-table";

export const dynamic = "force-dynamic";

export default async function DrillsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireReader("/drills");
  const t = await getTranslations("drillsPage");
  const mayDrill = allowed(user, "drill");
  const pageNo = Math.max(1, Number((await searchParams).page) || 1);
  const history = await drillHistory(pageNo);
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
                    {Object.entries(detail)
                      .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
                      .join(" · ")
                      // Paths are shown relative to the project, as operators type them.
                      .replaceAll(`${process.cwd()}/`, "")}
                  </td>
                  {mayDrill && (
                    <td>
                      {d.status !== "reverted" && (
                        <ActionButton
                          action={revertDrillAction}
                          fields={{ drillId: String(d.id) }}
                          label={t("revert")}
                          pendingLabel={t("reverting")}
                          className="secondary"
                        />
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
