import { beforeAll, describe, expect, it } from "vitest";
import { strategy, strategyMarkdown } from "@/lib/views/strategy";
import { useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

describe("the recovery strategy export", () => {
  it("keeps the course's headings and carries the live values from the policy and the store", async () => {
    const md = strategyMarkdown(await strategy(), "zh-CN");
    const lines = md.split("\n");
    expect(lines[0]).toBe("## Week06 recovery strategy");
    expect(lines[1]).toBe("- 默认 partition: 2026-04-17");
    expect(lines[2]).toBe(
      "- 允许 backfill 的资产: week06/ingestion/raw_ticket_events_partitioned, week06/silver/ticket_fact_partitioned, week06/reports/partition_report",
    );
    // The policy's own words, in the reader's language (its author writes both).
    expect(lines[3]).toMatch(
      /^- 禁止直接删除的对象: week06\/ingestion\/raw_ticket_events_partitioned（表 RawTicketEvent）；.*已发布的证据/,
    );
    expect(lines[4]).toMatch(/^- dry-run report path: .*backfill\/backfill_plan_2026-04-17\.json$/);
    expect(lines[5]).toBe(
      "- backfill 后必须跑的 checks: input_present, output_count_matches_expected, guard_unique, event_time_in_window, required_fields_present, priority_valid, silver_covers_raw, manifests_verified, report_matches_store",
    );
    for (const gap of [
      "- 2026-03-15: stale (stale_upstream) → replay",
      "- 2026-03-22: missing (missing_partition_report) → backfill",
      "- 2026-04-03: failed (failed_run) → retry",
      "- 2026-04-09: quarantined (check_failed) → restore",
      "- 2026-04-17: missing (missing_partition_report) → backfill",
    ]) {
      expect(lines).toContain(gap);
    }
  });

  it("offers English headings with the same values", async () => {
    const md = strategyMarkdown(await strategy(), "en");
    expect(md).toContain("- Default partition: 2026-04-17");
    expect(md).toContain("- Checks required after a backfill: input_present, output_count_matches_expected");
    expect(md).toMatch(/raw_ticket_events_partitioned \(table RawTicketEvent\); .*released evidence/);
  });
});
