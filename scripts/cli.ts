// npm run -s cli -- <command> … (see lib/cli.ts, or --help)
import { runCli } from "@/lib/cli";

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
