import { useLocale, useTranslations } from "next-intl";
import { assetName } from "@/lib/domain/assets";
import { CHECK_NAMES } from "@/lib/domain/checks";
import { isOneOf } from "@/lib/domain/one-of";
import { ScrollTable } from "@/components/scroll-table";

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
  const t = useTranslations("checks");
  const meaning = useTranslations("checkMeaning");
  const locale = useLocale();
  return (
    <>
      {locale !== "en" && <p className="muted small">{t("recorded")}</p>}
      <ScrollTable>
        <thead>
          <tr>
            <th scope="col">{t("colAsset")}</th>
            <th scope="col">{t("colCheck")}</th>
            <th scope="col">{t("colSeverity")}</th>
            <th scope="col">{t("colResult")}</th>
            <th scope="col">{t("colObserved")}</th>
            <th scope="col">{t("colExpected")}</th>
            <th scope="col">{t("colMessage")}</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr key={c.id} className={c.passed ? "" : c.severity === "blocking" ? "row-failed" : "row-warning"}>
              <td>{assetName(c.assetKey, locale)}</td>
              <td>
                <code>{c.name}</code>
                {isOneOf(CHECK_NAMES, c.name) && (
                  <div className="muted small">{meaning(c.name as (typeof CHECK_NAMES)[number])}</div>
                )}
              </td>
              <td className="nowrap">
                {c.severity === "blocking" || c.severity === "warning" ? t(`severity.${c.severity}`) : c.severity}
              </td>
              <td className="nowrap">
                {c.passed ? t("passed") : c.severity === "blocking" ? t("failed") : t("warning")}
              </td>
              <td>{c.observed}</td>
              <td>{c.expected}</td>
              <td className="small">{c.message}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </>
  );
}
