import { describe, expect, it } from "vitest";
import {
  auditDetail,
  checkTexts,
  drillDetail,
  planTexts,
  rowDiff,
  runErrorText,
  snapshotRows,
  stepErrorText,
  targetAssets,
  userRoles,
} from "@/lib/store-json";

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

  it("read back recorded messages, and null where a row was written before they were kept", () => {
    const said = { key: "runError.afterAttempts", values: { error: { quote: "SQLITE_BUSY" }, attempts: 3 } };
    expect(runErrorText(JSON.stringify(said))).toEqual(said);
    expect(runErrorText(null)).toBeNull();
    expect(checkTexts('{"observed":25,"expected":{"key":"checkText.input.expected"},"message":"x"}')).toMatchObject({
      observed: 25,
    });
    expect(auditDetail('{"reason":"r","texts":{"reason":{"key":"k"}}}')).toEqual({
      reason: "r",
      texts: { reason: { key: "k" } },
    });
  });

  it("refuse a value of the wrong shape, naming the column", () => {
    expect(() => targetAssets('{"not":"a list"}')).toThrow(
      /^the store's Run.targetAssets column does not hold what it should/,
    );
    expect(() => userRoles("[1,2]")).toThrow(/User.roles/);
    expect(() => rowDiff('{"added":1}')).toThrow(/Materialization.diff/);
    expect(() => stepErrorText('{"key":1}')).toThrow(/Materialization.errorText/);
    expect(() => planTexts('{"summary":"s"}')).toThrow(/Plan.texts/);
    expect(() => auditDetail('{"texts":{"reason":{"values":{}}}}')).toThrow(/AuditEvent.detail/);
  });
});
