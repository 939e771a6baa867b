import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    // Unit tests live beside the code; e2e/*.spec.ts belong to Playwright.
    include: ["lib/**/*.test.ts", "contracts/**/*.test.ts", "scripts/**/*.test.ts"],
    setupFiles: ["./vitest.setup.ts"],
    globalSetup: ["./vitest.global-setup.ts"],
    // Ceilings for a busy machine, not expectations: tests wait for conditions (lib/test-support.ts waitFor), never
    // for time, so a loaded machine makes them slower, not red. A test that hangs still ends.
    testTimeout: 300_000,
    // Tests read the English messages; the Chinese ones have their own tests (lib/i18n/*.test.ts, the CLI's --lang).
    env: { PARTITION_DESK_LOCALE: "en", LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "" },
    // Seeding a PostgreSQL test file's store runs the real pipeline: seconds, more under a loaded CI.
    hookTimeout: 600_000,
  },
});
