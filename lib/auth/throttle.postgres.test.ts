// lib/auth/throttle.test.ts on PostgreSQL: the same suite against a real PostgreSQL 15 server started for this file,
// where the thirty sign-ins really run at once on a pool of connections (the advisory lock makes them take turns).
import { afterAll, vi } from "vitest";
import { stopPostgresStore } from "@/lib/test-support";
import "@/lib/auth/throttle.test";

const server = vi.hoisted(async () => (await import("../../scripts/postgres.mjs")).startPostgresForThisFile());

afterAll(() => stopPostgresStore(server));
