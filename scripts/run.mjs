// node scripts/run.mjs <cli|worker> [args…] — starts the compiled CLI or worker (scripts/bundle.mjs) in this
// process, rebuilding it first when a source file changed since it was built: a stale bundle is never run.
import * as modules from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { ENTRIES, ensureBundle } from "./bundle.mjs";

// Node 22.1+ keeps V8's compiled code of the bundle between starts (checked against the source, so never stale);
// Node 20 has no such cache and skips this.
modules.enableCompileCache?.();

const name = process.argv[2];
if (!Object.hasOwn(ENTRIES, name)) {
  console.error(`usage: node scripts/run.mjs <${Object.keys(ENTRIES).join("|")}> [args…]`);
  process.exit(2);
}
try {
  await ensureBundle(name);
} catch (e) {
  // esbuild's errors name the file and line (a syntax error in lib/, a missing import).
  console.error(`cannot build ${ENTRIES[name]}:\n${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
// The script reads its own arguments from process.argv.slice(2), as when started directly.
process.argv.splice(2, 1);
await import(pathToFileURL(path.resolve(import.meta.dirname, "..", "dist", `${name}.mjs`)).href);
