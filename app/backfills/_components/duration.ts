"use client";

import { useTranslations } from "next-intl";
import { durationParts } from "@/lib/domain/backfill";

/** A duration in the reader's words: "42 s", "3 min 5 s", "1 h 12 min". */
export function useDuration(): (ms: number) => string {
  const t = useTranslations("backfillPage");
  return (ms) => {
    const d = durationParts(ms);
    return d.unit === "s"
      ? t("durS", { s: d.s })
      : d.unit === "m"
        ? t("durM", { m: d.m, s: d.s })
        : t("durH", { h: d.h, m: d.m });
  };
}
