// npm run -s cli -- <command> … (see lib/cli.ts, or --help)
import { runCli } from "@/lib/cli";
import { closeStore } from "@/lib/close-store";

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
