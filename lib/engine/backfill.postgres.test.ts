// The backfill lifecycle on PostgreSQL: lib/engine/backfill.suite.ts against a real PostgreSQL 15 server started
// for this file, the worker taking its runs from pg-boss.
import { afterAll, vi } from "vitest";
import { backfillSuite } from "@/lib/engine/backfill.suite";
import { seedPostgresStore, stopPostgresStore } from "@/lib/test-support";

const server = vi.hoisted(async () => (await import("../../scripts/postgres.mjs")).startPostgresForThisFile());

afterAll(() => stopPostgresStore(server));

backfillSuite("postgresql", seedPostgresStore);
