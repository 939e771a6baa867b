import { describe, expect, it } from "vitest";
import { englishRuns } from "@/lib/i18n/english-runs";
import { quote, recordedParts, renderParts, renderRecorded, semicolonList, text, withTexts } from "@/lib/i18n/text";

describe("a recorded message", () => {
  const cancelled = text("runError.cancelledQueued", { actor: "lead@example.com" });

  it("renders in each reader's language", () => {
    expect(renderRecorded(cancelled, "cancelled by lead@example.com before it started", "zh-CN")).toBe(
      "开始前被 lead@example.com 取消",
    );
    expect(renderRecorded(cancelled, "?", "en")).toBe("cancelled by lead@example.com before it started");
  });

  it("falls back to the prose it was recorded beside: none recorded (an older row), a key the catalog no longer has, a value it lacks", () => {
    expect(recordedParts(null, "old words", "zh-CN")).toEqual(["old words"]);
    expect(recordedParts({ key: "runError.noSuchMessage" }, "old words", "zh-CN")).toEqual(["old words"]);
    expect(recordedParts({ key: "list.and2", values: { a: { key: "gone.away" }, b: "x" } }, "old", "zh-CN")).toEqual([
      "old",
    ]);
    expect(recordedParts({ key: "runError.cancelledQueued" }, "old words", "zh-CN")).toEqual(["old words"]);
  });

  it("keeps a system's own words apart, untranslated, wherever they sit in the sentence", () => {
    const failed = text("runError.afterAttempts", { error: quote("SQLITE_BUSY: database is locked"), attempts: 3 });
    expect(renderParts(failed, "zh-CN")).toEqual([{ quote: "SQLITE_BUSY: database is locked" }, "（共尝试 3 次）"]);
    expect(renderRecorded(failed, "?", "en")).toBe("SQLITE_BUSY: database is locked (after 3 attempts)");
    const nested = semicolonList([failed, text("runError.evidenceUnwritten", { error: quote("ENOSPC") })]);
    expect(renderParts(nested, "zh-CN")).toEqual([
      { quote: "SQLITE_BUSY: database is locked" },
      "（共尝试 3 次）；证据无法写入：",
      { quote: "ENOSPC" },
    ]);
  });

  it("in a detail, is recorded as its English with the message beside it, and kept when the detail grows", () => {
    const detail = withTexts({ runId: 7, reason: cancelled });
    expect(detail).toEqual({
      runId: 7,
      reason: "cancelled by lead@example.com before it started",
      texts: { reason: cancelled },
    });
    const grown = withTexts({ ...detail, reverted: [text("runError.cancelledRunningNothing")] });
    expect(Object.keys(grown.texts as object)).toEqual(["reason", "reverted"]);
  });
});

describe("English left in Chinese text", () => {
  it("is three English words in a row; tokens, ids, paths and Chinese between them break a run", () => {
    expect(englishRuns("silver 与 raw 不一致：3 raw tickets missing from silver")).toEqual([
      "raw tickets missing from silver",
    ]);
    expect(englishRuns("main table: downstream week07/week08 read it")).toEqual(["main table downstream"]);
    expect(englishRuns("每个 ticket_id + partition_key 一行")).toEqual([]);
    expect(englishRuns("reprocess 模式 all 选中 14 个分区")).toEqual([]);
    expect(englishRuns("lead@example.com（操作员，审核人）· Partition Desk")).toEqual([]);
  });
});
