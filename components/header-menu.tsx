"use client";

import { usePathname } from "next/navigation";
import { useId, useRef, useState } from "react";

/**
 * The header's navigation and account controls. On a wide screen they sit in the top bar as they are (the button is
 * hidden, the panel is `display: contents`); on a narrow one they fold into a disclosure: a button with
 * aria-expanded / aria-controls that opens the panel below the bar. Escape closes it and returns the focus; so does
 * following a link (the menu is open only on the page where it was opened).
 */
export function HeaderMenu({
  label,
  count,
  countLabel,
  children,
}: {
  label: string;
  /** Runs awaiting review: shown on the closed button too, so a phone user sees it without opening the menu. */
  count: number;
  countLabel: string;
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const close = (focusButton: boolean) => {
    setOpenOn(null);
    if (focusButton) button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpenOn(open ? null : pathname)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && open) close(true);
        }}
      >
        <span className="menu-icon" aria-hidden="true" />
        {label}
        {count > 0 && (
          <>
            {" "}
            <span className="count-badge" aria-hidden="true">
              {count}
            </span>
            <span className="visually-hidden">{`, ${countLabel}`}</span>
          </>
        )}
      </button>
      <div
        id={id}
        className="header-menu"
        data-open={open ? "" : undefined}
        onKeyDown={(e) => {
          if (e.key === "Escape" && open) close(true);
        }}
        onClick={(e) => {
          // A link to the page already shown does not change the path: close the menu all the same.
          if (e.target instanceof Element && e.target.closest("a")) close(false);
        }}
      >
        {children}
      </div>
    </>
  );
}
