// npm run demo — from a fresh clone: install what is missing, migrate, seed when empty, build, then serve on
// PORT with one worker beside the web server (Ctrl-C stops both).
import { execSync } from "node:child_process";
import { prepare } from "./prepare.mjs";
import { serve } from "./serve.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// The demo is demo mode: demo accounts with a published password, published defaults accepted. Never in production.
process.env.PARTITION_DESK_DEMO = "1";
prepare();
execSync("npx tsx scripts/setup-db.ts", { stdio: "inherit" });
execSync("npx next build", { stdio: "inherit" });
const port = process.env.PORT || "3000";
console.log(`\nPartition Desk: http://localhost:${port} (web server + one worker; Ctrl-C stops both)\n`);
serve(port);
