"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * Keeps a page current without a reload and without hammering the server: every few seconds (while the tab is
 * visible) it asks GET /api/changes for a small token, and re-renders the page from the server only when the
 * token moved — a run finished, a review landed, a drill was applied.
 */
export function LiveUpdates({ everyMs = 3000 }: { everyMs?: number }) {
  const t = useTranslations("live");
  const router = useRouter();
  const token = useRef<string | null>(null);
  const [updated, setUpdated] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const res = await fetch("/api/changes", { cache: "no-store" });
        if (!res.ok || stopped) return;
        const { token: next } = (await res.json()) as { token: string };
        if (token.current !== null && token.current !== next) {
          router.refresh();
          setUpdated(new Date().toISOString().slice(11, 19));
        }
        token.current = next;
      } catch {
        // the server is restarting: try again at the next tick
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router, everyMs]);
  return (
    <p className="muted small live-note" role="status" aria-live="polite">
      {updated ? t("noteAt", { time: updated }) : t("note")}
    </p>
  );
}
