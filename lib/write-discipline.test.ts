// The write discipline on a real SQLite file: transactions take the write lock before they read, a statement
// outside a transaction never runs inside someone else's, and a writer in another process makes us wait, not fail.
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { audit } from "@/lib/audit";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

function otherProcess() {
  // A second connection stands for another process: SQLite's locks are per connection.
  return new Database(config().databaseFile, { timeout: 0 });
}

describe("the write discipline", () => {
  it("begins every transaction IMMEDIATE: another writer is locked out from its first read on", async () => {
    const other = otherProcess();
    const seen: string[] = [];
    await db.$transaction(async (tx) => {
      await tx.auditEvent.count(); // a read first — a deferred transaction would hold no write lock yet
      try {
        other
          .prepare(`INSERT INTO "AuditEvent" ("actor", "action", "target", "outcome") VALUES ('other', 'x', 'y', 'ok')`)
          .run();
        seen.push("other wrote");
      } catch (e) {
        seen.push((e as { code: string }).code);
      }
      await tx.auditEvent.create({ data: { actor: "tx", action: "x", target: "y", outcome: "ok" } });
    });
    other.close();
    expect(seen).toEqual(["SQLITE_BUSY"]);
    expect(await db.auditEvent.count({ where: { actor: "tx" } })).toBe(1);
  });

  it("makes a statement issued outside a transaction wait for the open one instead of running inside it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const rolledBack = db
      .$transaction(async (tx) => {
        await tx.auditEvent.create({ data: { actor: "inside", action: "x", target: "y", outcome: "ok" } });
        entered();
        await gate;
        throw new Error("roll back");
      })
      .catch((e: Error) => e.message);
    await inside; // the transaction is open and has written
    let outsideDone = false;
    const outside = audit({ actor: "outside", action: "x", target: "y", outcome: "ok" }).then(
      () => (outsideDone = true),
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(outsideDone).toBe(false); // waiting for the transaction, not inside it
    release();
    expect(await rolledBack).toBe("roll back");
    await outside;
    expect(await db.auditEvent.count({ where: { actor: "inside" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actor: "outside" } })).toBe(1);
  });

  it("waits for another process's write lock (retrying SQLITE_BUSY with backoff) instead of failing", async () => {
    const other = otherProcess();
    other.prepare("BEGIN IMMEDIATE").run();
    other
      .prepare(`INSERT INTO "AuditEvent" ("actor", "action", "target", "outcome") VALUES ('holder', 'x', 'y', 'ok')`)
      .run();
    setTimeout(() => other.prepare("COMMIT").run(), 700);
    const started = Date.now();
    await db.$transaction(async (tx) => {
      await tx.auditEvent.create({ data: { actor: "waiter", action: "x", target: "y", outcome: "ok" } });
    });
    await audit({ actor: "waiter", action: "x", target: "y", outcome: "ok" });
    other.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(await db.auditEvent.count({ where: { actor: { in: ["holder", "waiter"] } } })).toBe(3);
  });
});
