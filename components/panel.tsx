// The block most pages repeat: a titled panel showing its content, or one sentence saying there is none.
import type { ReactNode } from "react";

export function Panel({
  id,
  title,
  empty,
  emptyTone = "muted",
  intro,
  footer,
  children,
}: {
  /** The heading's id; the panel is labelled by it. */
  id: string;
  title: ReactNode;
  /** When given, shown instead of the content (the list is empty, and this says so). */
  empty?: ReactNode;
  emptyTone?: "muted" | "warning";
  /** Shown under the heading, empty or not. */
  intro?: ReactNode;
  /** Shown last, empty or not (a pager). */
  footer?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro}
      {empty !== undefined ? <p className={emptyTone}>{empty}</p> : children}
      {footer}
    </section>
  );
}
