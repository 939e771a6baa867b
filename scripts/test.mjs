// npm test — unit tests (Vitest) then browser tests (Playwright in Debian's Chromium, against a production
// build on its own database). Installs what a fresh clone is missing first.
import { execSync } from "node:child_process";
import { ensureChromium } from "./ensure-chromium.mjs";
import { prepare } from "./prepare.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const run = (cmd) => execSync(cmd, { stdio: "inherit" });

prepare();
ensureChromium();
run("npx vitest run");
run("npx next build");
run("npx playwright test");
