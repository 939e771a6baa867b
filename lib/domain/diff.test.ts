import { describe, expect, it } from "vitest";
import { describeDiff, diffRows } from "@/lib/domain/diff";

const cols = ["ticketId", "priority", "subject"] as const;
const row = (ticketId: string, priority: string | null, subject = "s") => ({ ticketId, priority, subject });

describe("the diff of a write against the rows it replaced", () => {
  it("counts tickets added, removed, changed and unchanged, and which fields changed", () => {
    const before = [row("T1", "P1"), row("T2", "P2"), row("T3", "P3")];
    const after = [row("T1", "P1"), row("T2", null, "new"), row("T4", "P4")];
    const d = diffRows(before, after, cols);
    expect(d).toMatchObject({
      added: 1,
      removed: 1,
      changed: 1,
      unchanged: 1,
      fields_changed: { priority: 1, subject: 1 },
      truncated: false,
    });
    expect(d.entries).toEqual([
      { ticket_id: "T2", change: "changed", fields: { priority: ["P2", null], subject: ["s", "new"] } },
      { ticket_id: "T3", change: "removed", fields: {} },
      { ticket_id: "T4", change: "added", fields: {} },
    ]);
    expect(describeDiff(d)).toBe("1 added, 1 removed, 1 changed (priority 1, subject 1)");
  });

  it("compares values as text: 5 and '5' are the same, null and '' are not", () => {
    expect(diffRows([{ ticketId: "T1", n: 5 }], [{ ticketId: "T1", n: "5" }], ["n"]).unchanged).toBe(1);
    expect(diffRows([{ ticketId: "T1", n: null }], [{ ticketId: "T1", n: "" }], ["n"]).changed).toBe(1);
  });

  it("keeps the first entries by ticket and counts them all", () => {
    const after = Array.from({ length: 250 }, (_, i) => row(`T${String(i).padStart(3, "0")}`, "P1"));
    const d = diffRows([], after, cols, 200);
    expect(d.added).toBe(250);
    expect(d.entries).toHaveLength(200);
    expect(d.entries[0]!.ticket_id).toBe("T000");
    expect(d.truncated).toBe(true);
  });

  it("of a write that changed nothing is all unchanged", () => {
    const rows = [row("T1", "P1"), row("T2", "P2")];
    expect(diffRows(rows, rows, cols)).toMatchObject({ added: 0, removed: 0, changed: 0, unchanged: 2, entries: [] });
  });
});
