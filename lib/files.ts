// Files the product writes (reports, plans, evidence): written whole or not at all.
import fs from "node:fs";
import path from "node:path";

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
