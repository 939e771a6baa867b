import { Fragment } from "react";
import type { SaidPart } from "@/lib/i18n/text";

/**
 * A rendered message (lib/i18n/text.ts renderParts, recordedParts): our words as text, what it quotes as recorded
 * (a system's error message) set apart as code — never translated, and plain to see as the system's words.
 */
export function Said({ parts }: { parts: SaidPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        typeof p === "string" ? (
          <Fragment key={i}>{p}</Fragment>
        ) : (
          <code key={i} className="quoted">
            {p.quote}
          </code>
        ),
      )}
    </>
  );
}
