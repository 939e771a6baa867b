// Test helpers: give this test file its own copy of the seeded starting scenario (database and reports).
// Call before the first query; the seed itself is exercised by lib/seed.test.ts.
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { config } from "@/lib/config";

export function useSeededStore(): void {
  const base = inject("seededStore");
  const { databaseFile, reportDir } = config();
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  fs.copyFileSync(path.join(base, "seeded.db"), databaseFile);
  for (const suffix of ["-wal", "-shm"]) {
    const file = path.join(base, `seeded.db${suffix}`);
    if (fs.existsSync(file)) fs.copyFileSync(file, `${databaseFile}${suffix}`);
  }
  fs.cpSync(path.join(base, "reports", "week06"), reportDir, { recursive: true });
}
