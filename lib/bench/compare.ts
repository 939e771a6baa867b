// The bench against its previous report: every measurement with its previous value, its value now and their ratio,
// flagged when it moved beyond what this shared machine's noise explains — so a regression shows where it happens
// (which page, which measure) instead of hiding in a table read by eye. Pure: reports in, rows and text out.

/** One number of a report, and which way is better. */
export interface Measurement {
  /** Stable across runs: a page's label, not its URL (ids change when the store is generated again). */
  name: string;
  value: number;
  unit: "ms" | "KiB" | "MiB" | "rows/s" | "×";
  better: "lower" | "higher";
  /** A page's time: the name of its p50's ratio to the run's baseline, which says whether the page or the machine moved. */
  baseline?: string;
}

export interface Change {
  name: string;
  unit: Measurement["unit"];
  previous: number | null;
  now: number | null;
  /** now / previous; null when either is missing. */
  ratio: number | null;
  /** "load": slower, but no slower than the same run's baseline request — the machine was busier, not the page. */
  verdict: "regression" | "load" | "improvement" | "same" | "new" | "gone";
}

/**
 * How far a measurement may move before it is flagged. Times on this 2-core shared machine vary ±30 % between
 * runs (README, Performance); bytes on the wire only move when the page changed; a page's ratio to the baseline
 * request of its own run (×) moves less with the machine's load than the times it divides.
 */
export const TOLERANCE: Record<Measurement["unit"], number> = {
  ms: 1.3,
  "rows/s": 1.3,
  MiB: 1.2,
  KiB: 1.05,
  "×": 1.25,
};

/** How a value moved, in the direction that is worse for it, against its unit's tolerance. */
function moved(m: Measurement, ratio: number): "regression" | "improvement" | "same" {
  const worse = m.better === "lower" ? ratio : 1 / ratio;
  const tolerance = TOLERANCE[m.unit];
  return worse > tolerance ? "regression" : worse < 1 / tolerance ? "improvement" : "same";
}

/**
 * Compares two lists of measurements by name, in the order of `now` (then what is gone). A page's time that rose
 * while its ratio to the baseline did not is "load", not a regression; the ratios themselves only qualify the
 * times (a quieter machine can raise a ratio of a page that got faster), so they are never flagged alone.
 */
export function compareMeasurements(previous: Measurement[], now: Measurement[]): Change[] {
  const before = new Map(previous.map((m) => [m.name, m]));
  const current = new Map(now.map((m) => [m.name, m]));
  const verdictOf = (m: Measurement): "regression" | "improvement" | "same" | null => {
    const p = before.get(m.name);
    return p && p.value !== 0 ? moved(m, m.value / p.value) : null;
  };
  const changes: Change[] = now.map((m) => {
    const p = before.get(m.name);
    if (!p || p.value === 0)
      return { name: m.name, unit: m.unit, previous: p?.value ?? null, now: m.value, ratio: null, verdict: "new" };
    let verdict: Change["verdict"] = m.unit === "×" ? "same" : verdictOf(m)!;
    const qualifier = m.baseline ? current.get(m.baseline) : undefined;
    if (verdict === "regression" && qualifier && verdictOf(qualifier) !== null && verdictOf(qualifier) !== "regression")
      verdict = "load";
    return { name: m.name, unit: m.unit, previous: p.value, now: m.value, ratio: m.value / p.value, verdict };
  });
  for (const p of previous)
    if (!current.has(p.name))
      changes.push({ name: p.name, unit: p.unit, previous: p.value, now: null, ratio: null, verdict: "gone" });
  return changes;
}

interface Timed {
  label: string;
  p50_ms: number;
  p95_ms: number;
  wire_bytes?: number;
  /** The scripts a page loads, on the wire. */
  script_wire_bytes?: number;
  /** p50 over the same run's baseline request (scripts/bench.ts); absent in reports before it was measured. */
  p50_ratio?: number;
}

/** A bench report (reports/bench/<date>.json) as measurements; the parts an older report lacks are skipped. */
export function reportMeasurements(report: unknown): Measurement[] {
  const r = (report ?? {}) as {
    write_path?: { ours_rows_per_s?: number };
    engine?: {
      backfill?: { rows_per_s?: number };
      idle?: { calendar?: { p95_ms?: number }; consumption?: { p95_ms?: number } };
      during_backfill?: { calendar?: { p95_ms?: number }; consumption?: { p95_ms?: number } };
      cancel_to_cancelled_ms?: number;
    };
    in_process?: Record<string, { median?: number } | unknown>;
    startup?: { rows?: { label: string; wall_ms: { median: number } }[] };
    server?: { pages?: Timed[]; http?: Timed[]; peak_rss_mib?: number; baseline?: Timed };
  };
  const out: Measurement[] = [];
  const add = (
    name: string,
    value: number | undefined,
    unit: Measurement["unit"],
    better: Measurement["better"],
    baseline?: string,
  ) => {
    if (typeof value === "number" && Number.isFinite(value))
      out.push({ name, value, unit, better, ...(baseline ? { baseline } : {}) });
  };
  add("write path, rows/s", r.write_path?.ours_rows_per_s, "rows/s", "higher");
  add("backfill end to end, rows/s", r.engine?.backfill?.rows_per_s, "rows/s", "higher");
  add("calendar p95, idle", r.engine?.idle?.calendar?.p95_ms, "ms", "lower");
  add("calendar p95, during a backfill", r.engine?.during_backfill?.calendar?.p95_ms, "ms", "lower");
  add("consumption API p95, idle", r.engine?.idle?.consumption?.p95_ms, "ms", "lower");
  add("consumption API p95, during a backfill", r.engine?.during_backfill?.consumption?.p95_ms, "ms", "lower");
  add("Cancel → backfill cancelled", r.engine?.cancel_to_cancelled_ms, "ms", "lower");
  for (const [key, value] of Object.entries(r.in_process ?? {}))
    if (key.endsWith("_ms"))
      add(key.replace(/_ms$/, "").replaceAll("_", " "), (value as { median?: number }).median, "ms", "lower");
  for (const row of r.startup?.rows ?? []) add(`start-up: ${row.label}`, row.wall_ms.median, "ms", "lower");
  if (r.server?.baseline) add(`${r.server.baseline.label} p50 (the baseline)`, r.server.baseline.p50_ms, "ms", "lower");
  for (const h of [...(r.server?.pages ?? []), ...(r.server?.http ?? [])]) {
    const ratio = `${h.label} p50 ÷ baseline`;
    add(`${h.label} p50`, h.p50_ms, "ms", "lower", ratio);
    add(`${h.label} p95`, h.p95_ms, "ms", "lower", ratio);
    add(ratio, h.p50_ratio, "×", "lower");
    add(
      `${h.label} on the wire`,
      h.wire_bytes === undefined ? undefined : +(h.wire_bytes / 1024).toFixed(1),
      "KiB",
      "lower",
    );
    if (h.script_wire_bytes)
      add(`${h.label} scripts on the wire`, +(h.script_wire_bytes / 1024).toFixed(1), "KiB", "lower");
  }
  add("server peak RSS", r.server?.peak_rss_mib, "MiB", "lower");
  return out;
}

const number = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString("en") : String(+v.toFixed(1)));

/** The comparison as lines to print (`previous` names that report): regressions first, then improvements, then the rest. */
export function formatChanges(changes: Change[], previous: string): string[] {
  const order = { regression: 0, load: 1, improvement: 2, new: 3, gone: 4, same: 5 } as const;
  const sorted = [...changes].sort((a, b) => order[a.verdict] - order[b.verdict]);
  const w = Math.max(...sorted.map((c) => c.name.length), 0);
  const count = (verdict: Change["verdict"]) => changes.filter((c) => c.verdict === verdict).length;
  const regressions = count("regression");
  const lines = [
    `against the previous report (${previous}): ${regressions} regression${regressions === 1 ? "" : "s"}, ` +
      `${count("load")} slower with the machine, ${count("improvement")} improved, ${count("same")} within noise`,
  ];
  for (const c of sorted) {
    const was = c.previous === null ? "—" : `${number(c.previous)} ${c.unit}`;
    const is = c.now === null ? "—" : `${number(c.now)} ${c.unit}`;
    const ratio = c.ratio === null ? "" : `×${c.ratio.toFixed(2)}`;
    const flag = {
      regression: "REGRESSION",
      load: "slower, as the baseline was (load)",
      improvement: "better",
      new: "new",
      gone: "gone",
      same: "",
    }[c.verdict];
    lines.push(`${c.name.padEnd(w)}  ${was.padStart(14)} → ${is.padEnd(14)} ${ratio.padEnd(6)} ${flag}`.trimEnd());
  }
  return lines;
}
