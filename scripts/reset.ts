// npm run db:reset — start the local demo over: remove the demo database file and its report folder, then
// migrate and seed again. A developer convenience for a local file; the product itself never deletes tables.
import fs from "node:fs";
import { execSync } from "node:child_process";
import { config } from "@/lib/config";

// The scenario and its demo accounts are the demo: these scripts run in demo mode (config is read on first use).
process.env.PARTITION_DESK_DEMO = "1";
const { databaseFile, reportDir } = config();
for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`, `${databaseFile}-journal`])
  fs.rmSync(file, { force: true });
fs.rmSync(reportDir, { recursive: true, force: true });
console.log(`removed ${databaseFile} and ${reportDir}`);
execSync("npx tsx scripts/setup-db.ts", { stdio: "inherit" });
