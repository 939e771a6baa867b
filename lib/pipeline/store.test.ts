// The partition write (lib/pipeline/store.ts) on a real store — lib/pipeline/store.postgres.test.ts runs the same on
// PostgreSQL: it removes the tickets the input no longer has from its own partition only, and it writes nothing once
// the run's lease is gone, checked inside the write's own transaction as the engine does (lib/engine/execute-run.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { assertLease, lockLease, LeaseLost, type Lease } from "@/lib/engine/lease";
import { writePartitionRows } from "@/lib/pipeline/store";
import { useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

const ASSET = "week06/ingestion/raw_ticket_events_partitioned";

function row(ticketId: string, partitionKey: string) {
  return {
    ticketId,
    partitionKey,
    eventId: `evt-${ticketId}-${partitionKey}`,
    eventType: "created",
    eventTime: `${partitionKey}T08:00:00+00:00`,
    eventTimeUtc: `${partitionKey}T08:00:00+00:00`,
    customerId: "C-1",
    channel: "email",
    productLine: "billing",
    priority: "P2",
    subject: "a ticket",
    firstResponseMinutes: 5,
    manifestId: "m-test",
  };
}

/** A run held by a worker, and the lease the engine checks every write against (as lib/engine/execute-run.ts). */
async function leasedRun(workerId: string) {
  const run = await db.run.create({
    data: {
      action: "rerun",
      partitionKey: "2026-02-01",
      status: "running",
      operator: "t",
      targetAssets: "[]",
      workerId,
    },
  });
  const lease: Lease = { runId: run.id, workerId, lost: false };
  return {
    runId: run.id,
    options: {
      guard: () => assertLease(lease),
      fence: (query: Parameters<typeof lockLease>[1]) => lockLease(lease, query),
    },
  };
}

const tickets = async (key: string) =>
  (await db.rawTicketEvent.findMany({ where: { partitionKey: key }, orderBy: { ticketId: "asc" } })).map(
    (r) => r.ticketId,
  );

describe("the partition write", () => {
  it("removes the tickets its input no longer has from its own partition only, not the same ticket's other days", async () => {
    const { runId, options } = await leasedRun("w-scope");
    // One ticket with events on two days: a row in each partition (the guard is ticket_id + partition_key).
    await writePartitionRows(
      "RawTicketEvent",
      ASSET,
      "2026-02-01",
      [row("T-1", "2026-02-01"), row("T-2", "2026-02-01")],
      runId,
      options,
    );
    await writePartitionRows(
      "RawTicketEvent",
      ASSET,
      "2026-02-02",
      [row("T-2", "2026-02-02"), row("T-3", "2026-02-02")],
      runId,
      options,
    );
    const written = await writePartitionRows(
      "RawTicketEvent",
      ASSET,
      "2026-02-01",
      [row("T-1", "2026-02-01")],
      runId,
      options,
    );
    expect(written).toMatchObject({ rowsBefore: 2, rows: 1 });
    expect(await tickets("2026-02-01")).toEqual(["T-1"]);
    expect(await tickets("2026-02-02")).toEqual(["T-2", "T-3"]);
  });

  it.each([
    ["its run was interrupted (the lease expired; same worker id)", { status: "interrupted" as const }],
    ["another worker took the run", { workerId: "w-other" }],
  ])("writes nothing once %s", async (_why, change) => {
    const { runId, options } = await leasedRun("w-fence");
    await writePartitionRows("RawTicketEvent", ASSET, "2026-02-03", [row("T-9", "2026-02-03")], runId, options);
    await db.run.update({ where: { id: runId }, data: change });
    await expect(
      writePartitionRows("RawTicketEvent", ASSET, "2026-02-03", [row("T-8", "2026-02-03")], runId, options),
    ).rejects.toThrow(LeaseLost);
    expect(await tickets("2026-02-03")).toEqual(["T-9"]);
    await db.rawTicketEvent.deleteMany({ where: { partitionKey: "2026-02-03" } });
  });
});
