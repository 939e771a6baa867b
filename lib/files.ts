// Files the product writes (reports, plans, evidence): written whole or not at all.
import fs from "node:fs";
import path from "node:path";

/** Writes via a temporary file and rename, so a reader never sees half a document; a failed write leaves nothing. */
export function writeFileAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // the folder itself is unusable; the original error says why
    }
    throw e;
  }
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
