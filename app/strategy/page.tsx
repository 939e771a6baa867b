import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/status-badge";
import { requireReader } from "@/lib/auth/page";
import { assetName } from "@/lib/domain/assets";
import { readerLocale } from "@/lib/i18n/server";
import { strategy, strategyMarkdown } from "@/lib/views/strategy";
import { ScrollTable } from "@/components/scroll-table";
import { withClientMessages } from "@/components/client-messages";

export const dynamic = "force-dynamic";

async function StrategyPage() {
  await requireReader("/strategy");
  const [s, t, guide, locale] = await Promise.all([
    strategy(),
    getTranslations("strategy"),
    getTranslations("actionGuide"),
    readerLocale(),
  ]);
  const c = s.selfCheck;
  return (
    <section>
      <div className="page-head">
        <div>
          <h1>{t("title")}</h1>
          <p className="muted">{t("generatedFrom", { file: s.policyFile, version: s.policyVersion })}</p>
        </div>
        <div className="inline-form">
          <a className="button" href="/strategy/markdown?lang=zh" download>
            {t("downloadCourse")}
          </a>
          <a className="button secondary" href="/strategy/markdown?lang=en" download>
            {t("downloadEnglish")}
          </a>
        </div>
      </div>

      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t("theStrategy")}</h2>
        <dl className="fields">
          <div className="field">
            <dt>{t("defaultPartition")}</dt>
            <dd>
              <Link href={`/partitions/${s.defaultPartition}`}>{s.defaultPartition}</Link>
            </dd>
          </div>
          <div className="field">
            <dt>{t("backfillAssets")}</dt>
            <dd>{s.backfillAssets.map((a) => assetName(a, locale)).join(", ")}</dd>
          </div>
          <div className="field">
            <dt>{t("reportPath")}</dt>
            <dd>
              <code>{s.dryRunReportPath}</code>
            </dd>
          </div>
          <div className="field">
            <dt>{t("checksAfter")}</dt>
            <dd>
              {s.requiredAfterBackfill.map((name) => (
                <code key={name} className="chip">
                  {name}
                </code>
              ))}
            </dd>
          </div>
        </dl>
        <h3>{t("neverDelete")}</h3>
        <ul>
          {s.neverDelete.map((o) => (
            <li key={o.object.en}>
              <strong>{o.object[locale]}</strong> — {o.why[locale]}
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t("actionsTitle")}</h2>
        <ScrollTable>
          <thead>
            <tr>
              <th scope="col">{t("colAction")}</th>
              <th scope="col">{t("colWhen")}</th>
              <th scope="col">{t("colBoundary")}</th>
              <th scope="col">{t("colAllowed")}</th>
              <th scope="col">{t("colChecks")}</th>
            </tr>
          </thead>
          <tbody>
            {s.actions.map((a) => (
              <tr key={a.action}>
                <th scope="row">{a.action}</th>
                <td className="small">{guide(`${a.action}.when`)}</td>
                <td className="small">{guide(`${a.action}.boundary`)}</td>
                <td className="small">{a.assets.map((k) => assetName(k, locale)).join(", ")}</td>
                <td className="small">{a.requiredChecks.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </section>

      <section className="panel" aria-labelledby="gaps-heading">
        <h2 id="gaps-heading">{t("gapsTitle")}</h2>
        {s.gapCount > s.gaps.length && (
          <p className="muted small">
            {t("firstOf", { shown: s.gaps.length, total: s.gapCount })} <Link href="/">{t("calendarListsAll")}</Link>
          </p>
        )}
        {s.gaps.length === 0 ? (
          <p>{t("noGaps")}</p>
        ) : (
          <ScrollTable>
            <thead>
              <tr>
                <th scope="col">{t("colPartition")}</th>
                <th scope="col">{t("colStatus")}</th>
                <th scope="col">{t("colGapReason")}</th>
                <th scope="col">{t("colAction")}</th>
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
          </ScrollTable>
        )}
      </section>

      <section className="panel" aria-labelledby="self-check-heading">
        <h2 id="self-check-heading">{t("selfCheckTitle")}</h2>
        <ol className="self-check">
          <li>
            <strong>{t("q1")}</strong> {t("a1", { partitions: c.partitions, assets: c.assets, gaps: s.gapCount })}
          </li>
          <li>
            <strong>{t("q2")}</strong> {t("a2")}
          </li>
          <li>
            <strong>{t("q3")}</strong>{" "}
            {c.latestPlanId ? (
              <Link href={`/plans/${c.latestPlanId}`}>{t("planLink", { id: c.latestPlanId })}</Link>
            ) : (
              <>
                {t("noPlanYet")} <Link href="/">{t("calendar")}</Link>
              </>
            )}
            {t("writtenTo")} <code>{s.dryRunReportPath.replace(/[^/]+$/, "")}</code>
          </li>
          <li>
            <strong>{t("q4")}</strong>{" "}
            {t("a4", { drills: c.drills, raw: c.mainTableRows.raw, silver: c.mainTableRows.silver })}
          </li>
          <li>
            <strong>{t("q5")}</strong>{" "}
            {t("a5", { runs: c.recoveryRuns, checks: c.withChecks, evidence: c.withEvidence, approved: c.approved })}{" "}
            {c.recoveryRuns === 0
              ? t("noneYet")
              : c.withChecks === c.recoveryRuns && c.withEvidence === c.recoveryRuns
                ? t("noneSkipped")
                : t("someSkipped")}
          </li>
        </ol>
      </section>

      <section className="panel" aria-labelledby="md-heading">
        <h2 id="md-heading">{t("mdTitle")}</h2>
        <pre className="json" aria-label={t("mdLabel")} tabIndex={0}>
          {strategyMarkdown(s, "zh-CN")}
        </pre>
      </section>
    </section>
  );
}

export default withClientMessages("app/strategy/page", StrategyPage);
