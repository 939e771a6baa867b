"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

/**
 * A table that scrolls sideways inside its own box when it is wider than the screen, instead of pushing the whole
 * page sideways. Only while it does scroll, the box is a named region in the tab order, so a keyboard user can
 * scroll it too (axe: scrollable-region-focusable); a table that fits adds no tab stop. Its name is `label`, else
 * the heading of the section it sits in.
 */
export function ScrollTable({
  className = "table",
  label,
  children,
}: {
  className?: string;
  label?: string;
  children: React.ReactNode;
}) {
  const t = useTranslations("table");
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState<{ name: string } | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const overflows = element.scrollWidth > element.clientWidth + 1;
      const heading = element.closest("section, .panel")?.querySelector("h1, h2, h3")?.textContent?.trim();
      setScroll(overflows ? { name: label ?? heading ?? t("table") } : null);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [label, t]);
  return (
    <div
      ref={box}
      className="table-scroll"
      {...(scroll ? { tabIndex: 0, role: "region", "aria-label": t("scrolls", { name: scroll.name }) } : {})}
    >
      <table className={className}>{children}</table>
    </div>
  );
}
