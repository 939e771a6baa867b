// Seeds one store (database + report folder) per test run, through the real migrate + seed script; test files
// that need the starting scenario copy it (lib/test-support.ts) instead of seeding again.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

export default function setup(project: TestProject) {
  // Tests start the compiled CLI and worker (scripts/run.mjs): built once here, not by many test files at once.
  execFileSync(process.execPath, ["scripts/bundle.mjs"], { stdio: "ignore" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "partition-desk-seeded-"));
  execFileSync("npx", ["tsx", "scripts/setup-db.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${path.join(dir, "seeded.db")}`,
      WEEK06_REPORT_DIR: path.join(dir, "reports", "week06"),
      WEEK06_PARTITION_START_DATE: "2026-03-01",
      WEEK06_PARTITION_END_DATE: "2026-04-30",
      WEEK06_DEFAULT_PARTITION: "2026-04-17",
      PARTITION_DESK_DEMO: "1",
    },
    stdio: "ignore",
  });
  project.provide("seededStore", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    seededStore: string;
  }
}
