// lib/views/backfills.test.ts on PostgreSQL: the same suite against a real PostgreSQL 15 server started for this file
// (its useSeededStore seeds that server).
import { afterAll, vi } from "vitest";
import { stopPostgresStore } from "@/lib/test-support";
import "@/lib/views/backfills.test";

const server = vi.hoisted(async () => (await import("../../scripts/postgres.mjs")).startPostgresForThisFile());

afterAll(() => stopPostgresStore(server));
