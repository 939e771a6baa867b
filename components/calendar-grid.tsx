"use client";

// The calendar grid, drawn in the browser from the compact payload (lib/domain/calendar.ts): a year of an asset is
// one string of status codes, not hundreds of server-rendered links. One Tab stop per asset (a roving tab index):
// arrow keys move a day (←/→) or a week (↑/↓), Home/End jump to the range's first/last day, Enter opens it.
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { decodeStatus, type CompactAsset } from "@/lib/domain/calendar";
import { addDays, type PartitionKey } from "@/lib/domain/partition";
import { isGap } from "@/lib/domain/status";
import { useAssetName } from "@/components/asset-name";

/** Weekday and month names in the reader's language (2024-01-01 was a Monday). */
function useCalendarNames() {
  const locale = useLocale();
  return useMemo(() => {
    const weekday = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
    const month = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" });
    return {
      weekdays: Array.from({ length: 7 }, (_, i) => weekday.format(new Date(Date.UTC(2024, 0, 1 + i)))),
      month: (year: number, mo: number) => month.format(new Date(Date.UTC(year, mo - 1, 1))),
    };
  }, [locale]);
}

/** Months (YYYY-MM) touched by the range. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7);) {
    out.push(m);
    const [y, mo] = m.split("-").map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
  }
  return out;
}

function dayIndex(from: string, key: string): number {
  return Math.round((Date.parse(`${key}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const subscribe = () => () => {};

/** The calendar page's "go to the calendar grid" link lands on this: the first grid's current day. */
const START_ID = "calendar-start";

/** Where keyboard focus starts in a grid: the default partition, else the first gap, else the last day. */
function startIndex(asset: CompactAsset, from: string, defaultPartition: string): number {
  const d = dayIndex(from, defaultPartition);
  if (d >= 0 && d < asset.statuses.length) return d;
  const gap = [...asset.statuses].findIndex((c) => isGap(decodeStatus(c)));
  return gap >= 0 ? gap : asset.statuses.length - 1;
}

function AssetYear({
  asset,
  from,
  expected,
  defaultPartition,
  isFirstGrid,
}: {
  asset: CompactAsset;
  from: string;
  expected: number[];
  defaultPartition: string;
  isFirstGrid: boolean;
}) {
  const t = useTranslations("calendar");
  const status = useTranslations("status");
  const names = useCalendarNames();
  const assetName = useAssetName();
  const label = assetName(asset.key, asset.label);
  const days = asset.statuses.length;
  const to = addDays(from as PartitionKey, days - 1);
  const [active, setActive] = useState(() => startIndex(asset, from, defaultPartition));
  const cells = useRef(new Map<number, HTMLAnchorElement>());
  const move = useCallback(
    (next: number) => {
      const i = Math.min(days - 1, Math.max(0, next));
      setActive(i);
      cells.current.get(i)?.focus();
    },
    [days],
  );
  const onKey = (e: KeyboardEvent<HTMLAnchorElement>, i: number) => {
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[e.key];
    if (step !== undefined) move(i + step);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(days - 1);
    else return;
    e.preventDefault();
  };
  return (
    <div className="months" role="group" aria-label={t("gridLabel", { asset: label, from, to })}>
      {monthsOf(from, to).map((month) => {
        const first = `${month}-01` as PartitionKey;
        const offset = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
        const monthDays: PartitionKey[] = [];
        for (let d = first; d.startsWith(month); d = addDays(d, 1)) monthDays.push(d);
        const [year, mo] = month.split("-").map(Number) as [number, number];
        return (
          <figure key={month} className="month">
            <figcaption>{names.month(year, mo)}</figcaption>
            <div className="month-grid">
              {names.weekdays.map((w) => (
                <span key={w} className="weekday" aria-hidden>
                  {w}
                </span>
              ))}
              {Array.from({ length: offset }, (_, i) => (
                <span key={`blank-${i}`} className="day blank" aria-hidden />
              ))}
              {monthDays.map((key) => {
                const i = dayIndex(from, key);
                const day = Number(key.slice(8));
                if (i < 0 || i >= days) {
                  return (
                    <span key={key} className="day outside" aria-hidden>
                      {day}
                    </span>
                  );
                }
                const cellStatus = decodeStatus(asset.statuses[i]!);
                const isDefault = key === defaultPartition;
                return (
                  <a
                    key={key}
                    ref={(el) => {
                      if (el) cells.current.set(i, el);
                      else cells.current.delete(i);
                    }}
                    href={`/partitions/${key}`}
                    tabIndex={i === active ? 0 : -1}
                    id={isFirstGrid && i === active ? START_ID : undefined}
                    onKeyDown={(e) => onKey(e, i)}
                    onFocus={() => setActive(i)}
                    className={`day status-${cellStatus}${isGap(cellStatus) ? " gap" : ""}${isDefault ? " default" : ""}`}
                    aria-label={`${key} ${label} ${status(`label.${cellStatus}`)}`}
                    title={t("cellTitle", {
                      key,
                      isDefault: isDefault ? t("defaultPartitionNote") : "",
                      asset: label,
                      status: status(`label.${cellStatus}`),
                      description: status(`description.${cellStatus}`),
                      current: asset.current[i]!,
                      expected: expected[i]!,
                    })}
                    data-active={i === active ? "" : undefined}
                    data-day={day}
                  />
                );
              })}
            </div>
          </figure>
        );
      })}
    </div>
  );
}

/**
 * Every asset of the page, drawn once the page runs in the browser (the server sends only the compact payload).
 * A day's number is drawn by CSS (`data-day`), what eyes read; its name `<key> <asset name> <status>` (in the reader's language) is what a screen
 * reader says.
 */
export function CalendarGrid({
  from,
  assets,
  expected,
  defaultPartition,
}: {
  from: string;
  assets: CompactAsset[];
  expected: number[];
  defaultPartition: string;
}) {
  const t = useTranslations("calendar");
  const assetName = useAssetName();
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  if (!inBrowser) {
    return (
      <p className="muted" role="status">
        {t("drawing")}
      </p>
    );
  }
  return (
    <>
      {assets.map((asset, n) => (
        <section key={asset.key} className="asset-row" aria-label={assetName(asset.key, asset.label)}>
          <h2>
            {assetName(asset.key, asset.label)} <code className="muted small">{asset.key}</code>
          </h2>
          <AssetYear
            asset={asset}
            from={from}
            expected={expected}
            defaultPartition={defaultPartition}
            isFirstGrid={n === 0}
          />
        </section>
      ))}
    </>
  );
}
