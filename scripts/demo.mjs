// npm run demo — from a fresh clone: install what is missing, migrate, seed when empty, build, serve on PORT.
import { execSync, spawn } from "node:child_process";
import { prepare } from "./prepare.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
prepare();
execSync("npx tsx scripts/setup-db.ts", { stdio: "inherit" });
execSync("npx next build", { stdio: "inherit" });
const port = process.env.PORT || "3000";
console.log(`\nPartition Desk: http://localhost:${port}\n`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
