// npm test — unit tests (Vitest) then browser tests (Playwright in Debian's Chromium, against a production
// build on its own seeded stores). Installs what a fresh clone is missing first. Ends with one summary line.
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureChromium, ensureCjkFont } from "./ensure-chromium.mjs";
import { prepare } from "./prepare.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const results = fs.mkdtempSync(path.join(os.tmpdir(), "partition-desk-results-"));
const unitJson = path.join(results, "vitest.json");
const e2eJson = path.join(results, "playwright.json");
const run = (cmd, env = {}) => execSync(cmd, { stdio: "inherit", env: { ...process.env, ...env } });

function counts() {
  let passed = 0;
  let failed = 0;
  if (fs.existsSync(unitJson)) {
    const v = JSON.parse(fs.readFileSync(unitJson, "utf8"));
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
  }
  if (fs.existsSync(e2eJson)) {
    const p = JSON.parse(fs.readFileSync(e2eJson, "utf8"));
    passed += p.stats?.expected ?? 0;
    failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
  }
  return { passed, failed };
}

let code = 0;
try {
  prepare();
  ensureChromium();
  ensureCjkFont();
  run(`npx vitest run --reporter=default --reporter=json --outputFile.json=${unitJson}`);
  run("npx next build");
  run("npx playwright test --reporter=list,json", { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
} catch {
  code = 1;
}
const { passed, failed } = counts();
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(code || (failed > 0 ? 1 : 0));
