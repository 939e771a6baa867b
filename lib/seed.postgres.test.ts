// The seeded starting scenario on PostgreSQL: the same suite as on SQLite (lib/seed-scenario.suite.ts), the same
// expected counts, against a real PostgreSQL 15 server started for this file (scripts/postgres.mjs).
import { afterAll, describe, expect, it, vi } from "vitest";
import { scenarioSuite } from "@/lib/seed-scenario.suite";

const server = vi.hoisted(async () => (await import("../scripts/postgres.mjs")).startPostgresForThisFile());

afterAll(async () => {
  await (await import("@/lib/test-support")).stopPostgresStore(server);
});

describe("this file's store", () => {
  it("is the PostgreSQL server started above", async () => {
    const { config } = await import("@/lib/config");
    expect(config().store).toEqual({ provider: "postgresql", url: (await server).url });
  });
});

scenarioSuite();
