// npm run -s cli -- <command> … (see lib/cli.ts, or --help). Runs compiled (scripts/bundle.mjs, scripts/run.mjs).
import v8 from "node:v8";
import { configOrExit } from "@/lib/startup";

// A command lasts a fraction of a second. V8's optimizing compiler for WebAssembly (Prisma's query compiler, ~3 MB)
// would only compete with it for the CPU, and the process waits for that compiler before it exits (~0.2 s). Set
// before the first query compiles the module.
v8.setFlagsFromString("--liftoff-only");

// lib/db.ts opens the store as it is loaded, from the configuration: a bad one is refused before anything loads it.
configOrExit(2);
const [{ runCli }, { closeStore }] = await Promise.all([import("@/lib/cli"), import("@/lib/close-store")]);

const terminal = Boolean(process.stdout.isTTY && process.stderr.isTTY);
let drew = false;
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${drew ? "\n" : ""}${text}\n`, () => (drew = false)),
  err: (text) => process.stderr.write(`${text}\n`),
  // On a terminal, progress is a bar redrawn on stderr; stdout keeps only the JSON result.
  progress: terminal
    ? (line) => {
        drew = true;
        process.stderr.write(`\r\x1b[2K${line}`);
      }
    : undefined,
});
process.exitCode = code;
await closeStore();
