import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Playwright evaluates this file in every worker: choose the port and database once, pass them on via env.
process.env.E2E_PORT ??= String(4100 + Math.floor(Math.random() * 800));
process.env.E2E_DIR ??= path.join(os.tmpdir(), `partition-desk-e2e-${process.pid}`);
const port = process.env.E2E_PORT;
const dir = process.env.E2E_DIR;

export default defineConfig({
  testDir: "e2e",
  reporter: "list",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      // No sandbox as root; no look-ups of Google hosts on this closed network.
      args: ["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1400, height: 1000 } } }],
  webServer: {
    // A production build, on its own freshly seeded database and report folder.
    command: `rm -rf "${dir}" && npx tsx scripts/setup-db.ts && npx next start -p ${port}`,
    url: `http://127.0.0.1:${port}/api/partitions?from=2026-04-17&to=2026-04-17`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
      WEEK06_REPORT_DIR: path.join(dir, "reports", "week06"),
      WEEK06_PARTITION_START_DATE: "2026-03-01",
      WEEK06_PARTITION_END_DATE: "2026-04-30",
      WEEK06_DEFAULT_PARTITION: "2026-04-17",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
