// The seeded starting scenario on the embedded SQLite store (the suite: lib/seed-scenario.suite.ts).
import { scenarioSuite } from "@/lib/seed-scenario.suite";

scenarioSuite();
