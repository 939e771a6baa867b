// The key that signs session cookies: SESSION_SECRET when set, else a random one kept beside the database,
// so a fresh clone is secure without a manual step and sessions survive a restart.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

let cached: string | undefined;

export function sessionSecret(): string {
  if (cached) return cached;
  const { sessionSecret: fromEnv, databaseFile } = config();
  if (fromEnv) return (cached = fromEnv);
  const file = path.join(path.dirname(databaseFile), "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  return (cached = fs.readFileSync(file, "utf8").trim());
}
