import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { migrateStore } from "@/lib/migrate-store";
import { loadManifest } from "@/lib/pipeline/manifests";
import { FIXTURES_DIR } from "@/lib/seed";

const delivery = fs.mkdtempSync(path.join(os.tmpdir(), "pd-delivery-"));
const lines = [
  {
    event_id: "e1",
    ticket_id: "T-1",
    event_type: "created",
    event_time: "2026-04-18T06:30:00+08:00",
    customer_id: "C-1",
    channel: "web",
    product_line: "billing",
    priority: "p2",
    subject: "s",
    first_response_minutes: 5,
  },
  {
    event_id: "e2",
    ticket_id: "T-2",
    event_type: "created",
    event_time: "2026-04-17T09:00:00Z",
    customer_id: "C-2",
    channel: "web",
    product_line: "billing",
    priority: "P1",
    subject: "s",
    first_response_minutes: null,
  },
];
const batch = `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
const batchSha = crypto.createHash("sha256").update(batch).digest("hex");

function writeManifest(name: string, manifest: unknown): string {
  fs.mkdirSync(path.join(delivery, "manifests"), { recursive: true });
  const file = path.join(delivery, "manifests", name);
  fs.writeFileSync(file, JSON.stringify(manifest));
  return file;
}

const good = (id: string, over: Record<string, unknown> = {}) => ({
  manifest_id: id,
  source: "omnisupport/ticket_events",
  created_at: "2026-05-01T00:00:00+00:00",
  partition_window: { start: "2026-04-17", end: "2026-04-17" },
  files: [{ path: "batches/b.ndjson", sha256: batchSha, record_count: 2 }],
  ...over,
});

async function storeCounts() {
  return {
    manifests: await db.manifest.count({ where: { status: "valid" } }),
    records: await db.manifestRecord.count(),
    raw: await db.rawTicketEvent.count(),
    runs: await db.run.count(),
  };
}

beforeAll(async () => {
  await migrateStore();
  fs.mkdirSync(path.join(delivery, "batches"), { recursive: true });
  fs.writeFileSync(path.join(delivery, "batches", "b.ndjson"), batch);
});

describe("loading a manifest", () => {
  it("lands every line of a valid manifest under the UTC partition of its event", async () => {
    const result = await loadManifest(writeManifest("ok.json", good("m-ok")), { operator: "t" });
    expect(result).toMatchObject({ status: "valid", manifestId: "m-ok", recordCount: 2, alreadyLoaded: false });
    const records = await db.manifestRecord.findMany({ orderBy: { lineNo: "asc" } });
    expect(records.map((r) => [r.ticketId, r.partitionKey, r.eventTimeUtc])).toEqual([
      ["T-1", "2026-04-17", "2026-04-17T22:30:00.000Z"],
      ["T-2", "2026-04-17", "2026-04-17T09:00:00.000Z"],
    ]);
    expect(await loadManifest(writeManifest("ok.json", good("m-ok")), { operator: "t" })).toMatchObject({
      status: "valid",
      alreadyLoaded: true,
    });
    expect(await db.manifestRecord.count()).toBe(2);
  });

  it("rejects the fixtures' broken manifest naming every missing field, and changes nothing else", async () => {
    const before = await storeCounts();
    const result = await loadManifest(path.join(FIXTURES_DIR, "manifests", "week06-broken-manifest-003.json"), {
      operator: "t",
    });
    expect(result.status).toBe("rejected");
    if (result.status !== "rejected") return;
    expect(result.problems.map((p) => p.field).sort()).toEqual([
      "files[0].record_count",
      "files[0].sha256",
      "partition_window",
      "source",
    ]);
    expect(result.message).toBe(
      "Manifest week06-broken-manifest-003.json rejected: source: missing; partition_window: missing; files[0].sha256: missing; files[0].record_count: missing",
    );
    expect(await storeCounts()).toEqual(before);
    const recorded = await db.manifest.findFirst({ where: { manifestId: "week06-broken-manifest-003" } });
    expect(recorded?.status).toBe("rejected");
    expect(
      await db.auditEvent.count({
        where: { action: "manifest.load", outcome: "refused", target: "week06-broken-manifest-003" },
      }),
    ).toBe(1);
  });

  it.each([
    [
      "a sha256 that does not match the file",
      { files: [{ path: "batches/b.ndjson", sha256: "0".repeat(64), record_count: 2 }] },
      /files\[0\]\.sha256: does not match the file/,
    ],
    [
      "a record_count that does not match the file",
      { files: [{ path: "batches/b.ndjson", sha256: batchSha, record_count: 3 }] },
      /files\[0\]\.record_count: says 3 but the file has 2 records/,
    ],
    [
      "a file outside the delivery folder",
      { files: [{ path: "../../etc/passwd", sha256: batchSha, record_count: 2 }] },
      /files\[0\]\.path: must stay inside the delivery folder/,
    ],
    [
      "an event outside its partition_window",
      { partition_window: { start: "2026-04-16", end: "2026-04-16" } },
      /event e1 falls on 2026-04-17, outside partition_window 2026-04-16..2026-04-16/,
    ],
    [
      "a window that ends before it starts",
      { partition_window: { start: "2026-04-17", end: "2026-04-16" } },
      /partition_window\.end: end is before start/,
    ],
  ])("rejects %s, and changes nothing", async (_what, over, message) => {
    const before = await storeCounts();
    const result = await loadManifest(
      writeManifest(`bad-${crypto.randomUUID()}.json`, good(`m-${crypto.randomUUID()}`, over)),
      { operator: "t" },
    );
    expect(result.status).toBe("rejected");
    expect(result.status === "rejected" && result.message).toMatch(message);
    expect(await storeCounts()).toEqual(before);
  });

  it("refuses a second manifest with an id already loaded with other content", async () => {
    const result = await loadManifest(
      writeManifest("dup.json", good("m-ok", { created_at: "2026-05-02T00:00:00+00:00" })),
      { operator: "t" },
    );
    expect(result.status === "rejected" && result.message).toMatch(
      /manifest_id: m-ok was already loaded with different content/,
    );
  });
});
