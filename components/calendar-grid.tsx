import { addDays, type PartitionKey } from "@/lib/domain/partition";
import { isGap, type PartitionStatus } from "@/lib/domain/status";

export interface CalendarCell {
  status: PartitionStatus;
  expected: number;
  current: number;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Months (YYYY-MM) touched by the range. */
export function monthsOf(from: PartitionKey, to: PartitionKey): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); ) {
    out.push(m);
    const [y, mo] = m.split("-").map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
  }
  return out;
}

/** One month of one asset as a Monday-first calendar; each day in range is a link to its partition. */
export function MonthGrid({
  month,
  asset,
  cells,
  defaultPartition,
}: {
  month: string;
  asset: string;
  cells: Map<string, CalendarCell>;
  defaultPartition: string;
}) {
  const first = `${month}-01` as PartitionKey;
  const offset = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const days: PartitionKey[] = [];
  for (let d = first; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  const [year, mo] = month.split("-").map(Number) as [number, number];
  return (
    <figure className="month">
      <figcaption>
        {MONTHS[mo - 1]} {year}
      </figcaption>
      <div className="month-grid" role="group" aria-label={`${MONTHS[mo - 1]} ${year} ${asset}`}>
        {WEEKDAYS.map((w) => (
          <span key={w} className="weekday" aria-hidden>
            {w}
          </span>
        ))}
        {Array.from({ length: offset }, (_, i) => (
          <span key={`blank-${i}`} className="day blank" aria-hidden />
        ))}
        {days.map((key) => {
          const cell = cells.get(key);
          const day = Number(key.slice(8));
          if (!cell) {
            return (
              <span key={key} className="day outside" aria-hidden>
                {day}
              </span>
            );
          }
          const gap = isGap(cell.status);
          const isDefault = key === defaultPartition;
          return (
            // A plain anchor, not next/link: a year of many assets is thousands of cells, and each Link is a
            // client component with its own prefetch. The partition page is one request away either way.
            <a
              key={key}
              href={`/partitions/${key}`}
              className={`day status-${cell.status}${gap ? " gap" : ""}${isDefault ? " default" : ""}`}
              aria-label={`${key} ${asset} ${cell.status}`}
            >
              {day}
            </a>
          );
        })}
      </div>
    </figure>
  );
}
