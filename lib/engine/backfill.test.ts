// The backfill lifecycle on SQLite: lib/engine/backfill.suite.ts on this file's copy of the seeded scenario.
import { backfillSuite } from "@/lib/engine/backfill.suite";
import { useSeededStore } from "@/lib/test-support";

backfillSuite("sqlite", useSeededStore);
