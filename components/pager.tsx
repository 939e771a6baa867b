import Link from "next/link";
import { useTranslations } from "next-intl";

/** Links to the previous and next page of a server-paged list, keeping the page's other URL parameters. */
export function Pager({
  page,
  pageCount,
  param = "page",
  params,
  label,
}: {
  page: number;
  pageCount: number;
  param?: string;
  params: Record<string, string | undefined>;
  label: string;
}) {
  const t = useTranslations("pager");
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams(
      Object.entries({ ...params, [param]: p > 1 ? String(p) : undefined }).filter((e): e is [string, string] =>
        Boolean(e[1]),
      ),
    );
    return q.size ? `?${q}` : "?";
  };
  return (
    <nav className="inline-form pager" aria-label={label}>
      {page > 1 ? <Link href={href(page - 1)}>{t("previous")}</Link> : <span className="muted">{t("previous")}</span>}
      <span>{t("pageOf", { page, count: pageCount })}</span>
      {page < pageCount ? <Link href={href(page + 1)}>{t("next")}</Link> : <span className="muted">{t("next")}</span>}
    </nav>
  );
}
