// Files the product writes (reports, plans, evidence): where they go, and written whole or not at all.
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import type { RecoveryAction } from "@/lib/domain/recovery";

/**
 * Where a plan's report is written: named by its action, so a later rerun plan of a day never overwrites the
 * backfill dry run the lesson points to (`backfill_plan_<partition_key>.json`; a window: `backfill_plan_<from>_<to>`).
 */
export function planFile(action: RecoveryAction, name: string): string {
  return path.join(config().reportDir, "backfill", `${action}_plan_${name}.json`);
}

/** The path as operators read it: relative to the project when the report dir is inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
}

/**
 * Writes via a temporary file and rename, so a reader never sees half a document; a failed write leaves nothing.
 * The file and then its folder are fsynced, so a written document survives a power loss as well as a crash.
 */
export function writeFileAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    const dirFd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // the folder itself is unusable; the original error says why
    }
    throw e;
  }
}

/** Removes temporary files a crash left behind (older than an hour) under `dir`. Returns how many. */
export function removeStaleTemporaryFiles(dir: string, olderThanMs = 3_600_000): number {
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".tmp")) continue;
    const file = path.join(entry.parentPath, entry.name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > olderThanMs) {
        fs.rmSync(file);
        removed += 1;
      }
    } catch {
      // gone meanwhile
    }
  }
  return removed;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
