import { describe, expect, it } from "vitest";
import { drillDetail, rowDiff, snapshotRows, targetAssets, userRoles } from "@/lib/store-json";

describe("the store's JSON columns", () => {
  it("read back what the pipeline writes", () => {
    expect(
      targetAssets('["week06/ingestion/raw_ticket_events_partitioned","week06/silver/ticket_fact_partitioned"]'),
    ).toHaveLength(2);
    expect(userRoles('["operator","reviewer"]')).toEqual(["operator", "reviewer"]);
    expect(snapshotRows('[{"ticket_id":"T-1","priority":"P2"}]')).toEqual([{ ticket_id: "T-1", priority: "P2" }]);
    expect(drillDetail('{"runId":58}')).toEqual({ runId: 58 });
    const diff = {
      added: 1,
      removed: 0,
      changed: 0,
      unchanged: 2,
      fields_changed: {},
      entries: [{ ticket_id: "T-9", change: "added", fields: {} }],
      truncated: false,
    };
    expect(rowDiff(JSON.stringify(diff))).toEqual(diff);
  });

  it("refuse a value of the wrong shape, naming the column", () => {
    expect(() => targetAssets('{"not":"a list"}')).toThrow(
      /^the store's Run.targetAssets column does not hold what it should/,
    );
    expect(() => userRoles("[1,2]")).toThrow(/User.roles/);
    expect(() => rowDiff('{"added":1}')).toThrow(/Materialization.diff/);
  });
});
