import { useLocale, useTranslations } from "next-intl";
import { assetName } from "@/lib/domain/assets";
import { CHECK_NAMES } from "@/lib/domain/checks";
import { isOneOf } from "@/lib/domain/one-of";
import type { Locale } from "@/lib/i18n/locales";
import { recordedParts } from "@/lib/i18n/text";
import { checkTexts } from "@/lib/store-json";
import { Said } from "@/components/said";
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
  /** CheckResult.texts: the three as catalog messages (null on checks recorded before they were kept). */
  texts: string | null;
}

/** Check results, as given (callers order failures first); a failed warning is shown as a warning. */
export function ChecksTable({ checks }: { checks: CheckRow[] }) {
  const t = useTranslations("checks");
  const meaning = useTranslations("checkMeaning");
  const locale = useLocale() as Locale;
  return (
    <>
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
          {checks.map((c) => {
            const texts = checkTexts(c.texts);
            return (
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
                <td>
                  <Said parts={recordedParts(texts?.observed, c.observed, locale)} />
                </td>
                <td>
                  <Said parts={recordedParts(texts?.expected, c.expected, locale)} />
                </td>
                <td className="small">
                  <Said parts={recordedParts(texts?.message, c.message, locale)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
    </>
  );
}
