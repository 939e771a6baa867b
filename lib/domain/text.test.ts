import { describe, expect, it } from "vitest";
import { printable, quoted } from "@/lib/domain/text";

describe("echoing input in a refusal", () => {
  it("leaves ordinary text as it is", () => {
    expect(printable("2026-04-17")).toBe("2026-04-17");
    expect(printable("🔥 ２０２６")).toBe("🔥 ２０２６");
  });

  it("shows control and bidirectional-override characters as escapes", () => {
    expect(printable("dry-run\u0000")).toBe("dry-run\\u0000");
    expect(printable("2026-04-17\u202e")).toBe("2026-04-17\\u202e");
    expect(printable("a\nb\u200bc")).toBe("a\\u000ab\\u200bc");
  });

  it("cuts long text at 64 characters, counting characters rather than UTF-16 units", () => {
    expect(printable("9".repeat(300))).toBe(`${"9".repeat(64)}…`);
    expect(printable("🔥".repeat(65))).toBe(`${"🔥".repeat(64)}…`);
  });

  it("quotes, escaping a quote inside", () => {
    expect(quoted('a"b')).toBe('"a\\"b"');
  });
});
