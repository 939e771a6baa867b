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

/** Raw rows of these tickets for the partition, written as the engine writes them under `run`'s lease. */
const write = (key: string, ticketIds: string[], run: Awaited<ReturnType<typeof leasedRun>>) =>
  writePartitionRows(
    "RawTicketEvent",
    ASSET,
    key,
    ticketIds.map((id) => row(id, key)),
    run.runId,
    run.options,
  );

describe("the partition write", () => {
  it("removes the tickets its input no longer has from its own partition only, not the same ticket's other days", async () => {
    const run = await leasedRun("w-scope");
    // One ticket with events on two days: a row in each partition (the guard is ticket_id + partition_key).
    await write("2026-02-01", ["T-1", "T-2"], run);
    await write("2026-02-02", ["T-2", "T-3"], run);
    expect(await write("2026-02-01", ["T-1"], run)).toMatchObject({ rowsBefore: 2, rows: 1 });
    expect(await tickets("2026-02-01")).toEqual(["T-1"]);
    expect(await tickets("2026-02-02")).toEqual(["T-2", "T-3"]);
  });

  it.each([
    ["its run was interrupted (the lease expired; same worker id)", { status: "interrupted" as const }],
    ["another worker took the run", { workerId: "w-other" }],
  ])("writes nothing once %s", async (_why, change) => {
    const run = await leasedRun("w-fence");
    await write("2026-02-03", ["T-9"], run);
    await db.run.update({ where: { id: run.runId }, data: change });
    await expect(write("2026-02-03", ["T-8"], run)).rejects.toThrow(LeaseLost);
    expect(await tickets("2026-02-03")).toEqual(["T-9"]);
    await db.rawTicketEvent.deleteMany({ where: { partitionKey: "2026-02-03" } });
  });
});
