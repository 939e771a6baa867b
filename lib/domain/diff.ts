// What a write changed, against the rows it replaced (the snapshot): tickets added, removed and changed, with the
// changed fields. Pure. Reviewers read it on the evidence page; the evidence records its counts.

export type Row = Record<string, unknown>;

export interface DiffEntry {
  ticket_id: string;
  change: "added" | "removed" | "changed";
  /** changed: each changed field as [before, after]. */
  fields: Record<string, [string | null, string | null]>;
}

export interface RowDiff {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** How many changed rows changed each field. */
  fields_changed: Record<string, number>;
  /** The first `limit` entries, by ticket id. */
  entries: DiffEntry[];
  /** More entries exist than `entries` holds. */
  truncated: boolean;
}

export const DIFF_ENTRY_LIMIT = 200;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The diff of `after` against `before`, rows keyed by `ticketId`, compared on `columns`. */
export function diffRows(before: Row[], after: Row[], columns: readonly string[], limit = DIFF_ENTRY_LIMIT): RowDiff {
  const old = new Map(before.map((r) => [String(r.ticketId), r]));
  const now = new Map(after.map((r) => [String(r.ticketId), r]));
  const tickets = [...new Set([...old.keys(), ...now.keys()])].sort();
  const diff: RowDiff = {
    added: 0,
    removed: 0,
    changed: 0,
    unchanged: 0,
    fields_changed: {},
    entries: [],
    truncated: false,
  };
  const note = (entry: DiffEntry) => {
    if (diff.entries.length < limit) diff.entries.push(entry);
    else diff.truncated = true;
  };
  for (const ticket of tickets) {
    const a = old.get(ticket);
    const b = now.get(ticket);
    if (!a) {
      diff.added += 1;
      note({ ticket_id: ticket, change: "added", fields: {} });
    } else if (!b) {
      diff.removed += 1;
      note({ ticket_id: ticket, change: "removed", fields: {} });
    } else {
      const fields: DiffEntry["fields"] = {};
      for (const c of columns) if (text(a[c]) !== text(b[c])) fields[c] = [text(a[c]), text(b[c])];
      const names = Object.keys(fields);
      if (names.length === 0) {
        diff.unchanged += 1;
        continue;
      }
      diff.changed += 1;
      for (const n of names) diff.fields_changed[n] = (diff.fields_changed[n] ?? 0) + 1;
      note({ ticket_id: ticket, change: "changed", fields });
    }
  }
  return diff;
}

/** One line for lists and audit details: "+5 −0 ~2 (priority 2)". */
export function describeDiff(d: Pick<RowDiff, "added" | "removed" | "changed" | "fields_changed">): string {
  const fields = Object.entries(d.fields_changed)
    .map(([f, n]) => `${f} ${n}`)
    .join(", ");
  return `${d.added} added, ${d.removed} removed, ${d.changed} changed${fields ? ` (${fields})` : ""}`;
}
