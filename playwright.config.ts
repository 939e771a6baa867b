import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Playwright evaluates this file in every worker: choose ports and folders once, pass them on via env.
process.env.E2E_PORT ??= String(4100 + Math.floor(Math.random() * 800));
process.env.E2E_DIR ??= path.join(os.tmpdir(), `partition-desk-e2e-${process.pid}`);
const basePort = Number(process.env.E2E_PORT);

// Six servers, each a production build with one worker on its own freshly seeded store: specs that only read
// or plan use the first, specs that execute and review the second, the backfill lifecycle the third (its worker
// waits before each step so progress, pause and cancel can be watched), the hostile-request suite the fourth (it
// throttles sign-ins and revokes sessions; it stands behind a "proxy", so each attack names its own client
// address), the reviewer's tools the fifth (its calendar reaches an empty day) — no spec depends on another's changes.
interface Store {
  port: number;
  dir: string;
  stepDelayMs: number;
  trustProxy: boolean;
  /** The last partition: the reviewer-tools store reaches one day past the input (2026-05-01, no manifest covers it). */
  endDate: string;
  /** PARTITION_DESK_LOCALE: the specs of the English stores read English messages; the i18n store keeps the course's default (zh-CN). */
  locale?: "en";
}

export const STORES = {
  scenario: {
    port: basePort,
    dir: path.join(process.env.E2E_DIR, "scenario"),
    stepDelayMs: 0,
    trustProxy: false,
    endDate: "2026-04-30",
    locale: "en",
  },
  recovery: {
    port: basePort + 1,
    dir: path.join(process.env.E2E_DIR, "recovery"),
    stepDelayMs: 0,
    trustProxy: false,
    endDate: "2026-04-30",
    locale: "en",
  },
  engine: {
    port: basePort + 2,
    dir: path.join(process.env.E2E_DIR, "engine"),
    stepDelayMs: 250,
    trustProxy: false,
    endDate: "2026-04-30",
    locale: "en",
  },
  security: {
    port: basePort + 3,
    dir: path.join(process.env.E2E_DIR, "security"),
    stepDelayMs: 0,
    trustProxy: true,
    endDate: "2026-04-30",
    locale: "en",
  },
  tools: {
    port: basePort + 4,
    dir: path.join(process.env.E2E_DIR, "tools"),
    stepDelayMs: 0,
    trustProxy: false,
    endDate: "2026-05-01",
    locale: "en",
  },
  // The course's language: no PARTITION_DESK_LOCALE, so a reader whose browser asks for neither language gets zh-CN.
  i18n: {
    port: basePort + 5,
    dir: path.join(process.env.E2E_DIR, "i18n"),
    stepDelayMs: 0,
    trustProxy: false,
    endDate: "2026-04-30",
  },
} as const satisfies Record<string, Store>;

/** The environment a store's server, worker and CLI share. */
export function storeEnv({ dir, stepDelayMs, trustProxy, endDate, locale }: Store): Record<string, string> {
  return {
    ...(locale ? { PARTITION_DESK_LOCALE: locale } : {}),
    DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
    WEEK06_REPORT_DIR: path.join(dir, "reports", "week06"),
    WEEK06_PARTITION_START_DATE: "2026-03-01",
    WEEK06_PARTITION_END_DATE: endDate,
    WEEK06_DEFAULT_PARTITION: "2026-04-17",
    NEXT_TELEMETRY_DISABLED: "1",
    PARTITION_DESK_DEMO: "1",
    TRUST_PROXY: trustProxy ? "1" : "",
    WORKER_POLL_MS: "100",
    WORKER_STEP_DELAY_MS: String(stepDelayMs),
  };
}

function server(store: Store) {
  const { port, dir } = store;
  return {
    // The server's output also goes to a log that every spec reads for failed requests (e2e/fixtures.ts).
    command: `rm -rf "${dir}" && npx tsx scripts/setup-db.ts && node scripts/serve.mjs ${port} 2>&1 | tee "${dir}/server.log"`,
    url: `http://127.0.0.1:${port}/login`,
    // Seeding and starting on a busy machine: a ceiling, not an expectation.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    env: storeEnv(store),
  };
}

const browser = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1400, height: 1000 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    // No sandbox as root; no look-ups of Google hosts on this closed network.
    args: ["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"],
  },
};

export default defineConfig({
  testDir: "e2e",
  reporter: "list",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Ceilings for a busy machine (tests wait for conditions, never for time): a test, and each expect's wait.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  outputDir: "test-results",
  use: { trace: "retain-on-failure" },
  projects: [
    {
      name: "scenario",
      testMatch: ["calendar.spec.ts", "plans.spec.ts"],
      use: { ...browser, baseURL: `http://127.0.0.1:${STORES.scenario.port}` },
    },
    {
      name: "recovery",
      testMatch: [
        "execute.spec.ts",
        "review.spec.ts",
        "drills.spec.ts",
        "operators.spec.ts",
        "pages.spec.ts",
        "messages.spec.ts",
      ],
      use: { ...browser, baseURL: `http://127.0.0.1:${STORES.recovery.port}` },
    },
    {
      name: "engine",
      testMatch: ["backfills.spec.ts", "responsiveness.spec.ts", "scale.spec.ts"],
      use: { ...browser, baseURL: `http://127.0.0.1:${STORES.engine.port}` },
    },
    {
      name: "security",
      testMatch: ["security.spec.ts"],
      use: { ...browser, baseURL: `http://127.0.0.1:${STORES.security.port}` },
    },
    {
      name: "tools",
      testMatch: ["review-tools.spec.ts"],
      use: { ...browser, baseURL: `http://127.0.0.1:${STORES.tools.port}` },
    },
    // The main flow in zh-CN (the browser asks for Chinese), the language switcher, screenshots in both languages.
    { name: "i18n", testMatch: ["i18n.spec.ts"], use: { ...browser, baseURL: `http://127.0.0.1:${STORES.i18n.port}` } },
    // Starts its own PostgreSQL server and two web servers on it (ports E2E_PORT + 30..32).
    { name: "postgres", testMatch: ["postgres.spec.ts"], use: { ...browser } },
  ],
  webServer: [
    server(STORES.scenario),
    server(STORES.recovery),
    server(STORES.engine),
    server(STORES.security),
    server(STORES.tools),
    server(STORES.i18n),
  ],
});
