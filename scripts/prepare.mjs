// Installs what a fresh clone is missing: npm dependencies (from the lockfile), the generated Prisma client, the
// compiled CLI and worker, and the catalog namespaces each page ships (scripts/client-messages.mjs). Cheap when
// nothing changed, so `npm run demo`, `npm test` and CI start with it.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { staleBundles } from "./bundle.mjs";
import { writeClientMessages } from "./client-messages.mjs";

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

export function prepare() {
  const installed = mtime("node_modules/.package-lock.json");
  if (!installed || installed < mtime("package-lock.json")) {
    console.log("installing dependencies (npm ci)…");
    execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
  }
  if (
    mtime("generated/prisma/client.ts") <
    Math.max(mtime("prisma/schema.prisma"), mtime("node_modules/.package-lock.json"))
  ) {
    console.log("generating the Prisma client…");
    execSync("node scripts/prisma-generate.mjs", { stdio: "inherit" });
  }
  // scripts/run.mjs would rebuild a stale bundle at its next start anyway; built here, no test or demo waits for it.
  if (staleBundles().length > 0) execSync("node scripts/bundle.mjs", { stdio: "inherit" });
  // What each page ships to the browser (next build derives it again); here for the typecheck and unit tests.
  writeClientMessages();
}

if (import.meta.url === `file://${process.argv[1]}`) prepare();
