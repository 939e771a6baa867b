import Link from "next/link";

/** Links to the previous and next page of a server-paged list, keeping the page's other URL parameters. */
export function Pager({ page, pageCount, param = "page", params, label }: { page: number; pageCount: number; param?: string; params: Record<string, string | undefined>; label: string }) {
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, [param]: p > 1 ? String(p) : undefined }).filter((e): e is [string, string] => Boolean(e[1])));
    return q.size ? `?${q}` : "?";
  };
  return (
    <nav className="inline-form pager" aria-label={label}>
      {page > 1 ? <Link href={href(page - 1)}>Previous</Link> : <span className="muted">Previous</span>}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link href={href(page + 1)}>Next</Link> : <span className="muted">Next</span>}
    </nav>
  );
}
