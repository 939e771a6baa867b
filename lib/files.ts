// Files the product writes (reports, plans, evidence): written whole or not at all.
import fs from "node:fs";
import path from "node:path";

/** Writes via a temporary file and rename, so a reader never sees half a document. */
export function writeFileAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
