import { useLocale, useTranslations } from "next-intl";
import { assetName } from "@/lib/domain/assets";
import type { RowDiff } from "@/lib/domain/diff";
import { ScrollTable } from "@/components/scroll-table";

/**
 * What one write changed against the rows it replaced (its snapshot): counts of all, the fields that changed, and
 * the first entries ticket by ticket. A first build replaced nothing and has no diff.
 */
export function DiffTable({ asset, diff }: { asset: string; diff: RowDiff }) {
  const t = useTranslations("diff");
  const locale = useLocale();
  const shown = diff.entries.length;
  const total = diff.added + diff.removed + diff.changed;
  const fields = Object.entries(diff.fields_changed).sort((a, b) => b[1] - a[1]);
  return (
    <div className="diff">
      <h3>{assetName(asset, locale)}</h3>
      <p aria-label={t("counts", { asset: assetName(asset, locale) })}>
        <strong className="ok-text">{t("added", { n: diff.added })}</strong> ·{" "}
        <strong className={diff.removed ? "error-text" : ""}>{t("removed", { n: diff.removed })}</strong> ·{" "}
        <strong>{t("changed", { n: diff.changed })}</strong> ·{" "}
        <span className="muted">{t("unchanged", { n: diff.unchanged })}</span>
        {fields.length > 0 && (
          <span className="small">
            {t("fields", { fields: fields.map(([name, n]) => `${name} (${n})`).join(", ") })}
          </span>
        )}
      </p>
      {total === 0 ? (
        <p className="muted small">{t("same")}</p>
      ) : (
        <>
          <ScrollTable className="table compact">
            <caption className="muted small">
              {shown < total ? t("firstOf", { shown, total }) : t("all", { total })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("colTicket")}</th>
                <th scope="col">{t("colChange")}</th>
                <th scope="col">{t("colFields")}</th>
              </tr>
            </thead>
            <tbody>
              {diff.entries.map((e) => (
                <tr key={e.ticket_id} className={`diff-${e.change}`}>
                  <td>
                    <code>{e.ticket_id}</code>
                  </td>
                  <td>{t(`change.${e.change}`)}</td>
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
          </ScrollTable>
        </>
      )}
    </div>
  );
}
