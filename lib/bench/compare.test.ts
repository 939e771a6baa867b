import { describe, expect, it } from "vitest";
import { compareMeasurements, formatChanges, reportMeasurements, type Measurement } from "@/lib/bench/compare";

const ms = (name: string, value: number): Measurement => ({ name, value, unit: "ms", better: "lower" });

describe("the bench against its previous report", () => {
  it("flags a measure that got worse beyond the machine's noise, in the direction that is worse for it", () => {
    const changes = compareMeasurements(
      [
        ms("/plans p50", 13),
        ms("/evidence p50", 290),
        ms("/audit p50", 100),
        { name: "/login on the wire", value: 68, unit: "KiB", better: "lower" },
        { name: "write path, rows/s", value: 50_000, unit: "rows/s", better: "higher" },
        { name: "backfill end to end, rows/s", value: 10_000, unit: "rows/s", better: "higher" },
        ms("dropped measure", 5),
      ],
      [
        ms("/plans p50", 106), // ×8.2: a regression
        ms("/evidence p50", 105), // ×0.36: better
        ms("/audit p50", 120), // ×1.2: within ±30 %
        { name: "/login on the wire", value: 3, unit: "KiB", better: "lower" },
        { name: "write path, rows/s", value: 30_000, unit: "rows/s", better: "higher" }, // fewer rows/s: worse
        { name: "backfill end to end, rows/s", value: 20_000, unit: "rows/s", better: "higher" },
        ms("a new page p50", 7),
      ],
    );
    expect(changes.map((c) => [c.name, c.verdict, c.ratio === null ? null : +c.ratio.toFixed(2)])).toEqual([
      ["/plans p50", "regression", 8.15],
      ["/evidence p50", "improvement", 0.36],
      ["/audit p50", "same", 1.2],
      ["/login on the wire", "improvement", 0.04],
      ["write path, rows/s", "regression", 0.6],
      ["backfill end to end, rows/s", "improvement", 2],
      ["a new page p50", "new", null],
      ["dropped measure", "gone", null],
    ]);
  });

  it("calls a page's slower time load when its ratio to the run's baseline held, and never flags a ratio alone", () => {
    const page = (p50: number, ratio: number): Measurement[] => [
      { name: "/plans p50", value: p50, unit: "ms", better: "lower", baseline: "/plans p50 ÷ baseline" },
      { name: "/plans p50 ÷ baseline", value: ratio, unit: "×", better: "lower" },
    ];
    // The machine was busier: the page and the baseline request both took twice as long.
    expect(compareMeasurements(page(20, 10), page(40, 10)).map((c) => c.verdict)).toEqual(["load", "same"]);
    // The page itself got slower: more time, and more of it than the baseline's.
    expect(compareMeasurements(page(20, 10), page(40, 20)).map((c) => c.verdict)).toEqual(["regression", "same"]);
    // A quieter machine made the baseline faster than the page improved: the ratio rose, nothing regressed.
    expect(compareMeasurements(page(54, 7), page(25, 13)).map((c) => c.verdict)).toEqual(["improvement", "same"]);
  });

  it("holds bytes on the wire to a tighter tolerance than times", () => {
    const kib = (value: number): Measurement => ({ name: "/ on the wire", value, unit: "KiB", better: "lower" });
    expect(compareMeasurements([kib(13)], [kib(14)])[0]!.verdict).toBe("regression"); // +8 %
    expect(compareMeasurements([ms("/ p50", 13)], [ms("/ p50", 14)])[0]!.verdict).toBe("same");
  });

  it("reads every measure of a report, and an older report's without the parts it lacks", () => {
    const page = { label: "/plans", url: "/plans", p50_ms: 20, p95_ms: 30, wire_bytes: 5120 };
    const report = {
      write_path: { ours_rows_per_s: 40_000 },
      engine: {
        backfill: { rows_per_s: 9000 },
        idle: { calendar: { p95_ms: 80 }, consumption: { p95_ms: 9 } },
        during_backfill: { calendar: { p95_ms: 120 }, consumption: { p95_ms: 15 } },
        cancel_to_cancelled_ms: 300,
      },
      in_process: { statuses_all_cells_ms: { median: 290, runs: 5 }, cells: 100_740, year: { from: "x" } },
      startup: { rows: [{ label: "Node alone (node -e 0)", wall_ms: { median: 40 } }] },
      server: {
        baseline: { label: "/favicon.svg", p50_ms: 2, p95_ms: 3 },
        pages: [{ ...page, p50_ratio: 10, script_wire_bytes: 102_400 }],
        http: [],
        peak_rss_mib: 600,
      },
    };
    expect(reportMeasurements(report).map((m) => `${m.name} = ${m.value} ${m.unit}`)).toEqual([
      "write path, rows/s = 40000 rows/s",
      "backfill end to end, rows/s = 9000 rows/s",
      "calendar p95, idle = 80 ms",
      "calendar p95, during a backfill = 120 ms",
      "consumption API p95, idle = 9 ms",
      "consumption API p95, during a backfill = 15 ms",
      "Cancel → backfill cancelled = 300 ms",
      "statuses all cells = 290 ms",
      "start-up: Node alone (node -e 0) = 40 ms",
      "/favicon.svg p50 (the baseline) = 2 ms",
      "/plans p50 = 20 ms",
      "/plans p95 = 30 ms",
      "/plans p50 ÷ baseline = 10 ×",
      "/plans on the wire = 5 KiB",
      "/plans scripts on the wire = 100 KiB",
      "server peak RSS = 600 MiB",
    ]);
    // A report from before the baseline was measured: the same measures less the ratios.
    const older = reportMeasurements({ server: { pages: [page] } }).map((m) => m.name);
    expect(older).toEqual(["/plans p50", "/plans p95", "/plans on the wire"]);
    expect(reportMeasurements(null)).toEqual([]);
  });

  it("prints regressions first, each with its previous value, its value now and the ratio", () => {
    const lines = formatChanges(
      compareMeasurements(
        [ms("/audit p50", 100), ms("/plans p50", 13)],
        [ms("/audit p50", 101), ms("/plans p50", 106)],
      ),
      "2026-11-28T10:00:00.000Z",
    );
    expect(lines[0]).toBe(
      "against the previous report (2026-11-28T10:00:00.000Z): 1 regression, 0 slower with the machine, 0 improved, 1 within noise",
    );
    expect(lines[1]).toMatch(/^\/plans p50 +13 ms → 106 ms +×8\.15 +REGRESSION$/);
    expect(lines[2]).toMatch(/^\/audit p50 +100 ms → 101 ms +×1\.01$/);
  });
});
