// The command-line interface: the same lib code as the UI. stdout carries only the JSON result; every error
// goes to stderr with exit code 2. Kept apart from scripts/cli.ts so tests can call it in-process.
import { parseArgs } from "node:util";
import { createPlan } from "@/lib/pipeline/plans";

export const HELP = `Partition Desk CLI

Usage:
  npm run -s cli -- plan [--partition YYYY-MM-DD] [--action ACTION] [--manifest ID] [--snapshot ID] [--mode MODE]
  npm run -s cli -- plan --from YYYY-MM-DD --to YYYY-MM-DD [--reprocess MODE] [--mode MODE]

plan            Make a recovery plan, write it to WEEK06_REPORT_DIR/backfill/ and store it; prints the plan JSON.
  --partition   The partition to plan (default: WEEK06_DEFAULT_PARTITION).
  --action      Force a recovery action: retry, rerun, replay, backfill or restore. Default: the action that fits
                the partition's status (a healthy partition gets rerun only when asked for).
  --manifest    replay: the manifest to re-ingest (default: the newest covering manifest not yet reflected).
  --snapshot    restore: the snapshot to return to (default: the newest trusted snapshot).
  --from, --to  Plan a window of partitions (both included) as a backfill.
  --reprocess   For a window: missing (default), failed_and_missing or all.
  --mode        dry-run (default) or execute.
  --operator    Who is planning (default: PARTITION_DESK_OPERATOR or operator@example.com).
  --help        This text.

Exit codes: 0 done, 2 refused or invalid input (the reason is on stderr).`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        partition: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        reprocess: { type: "string" },
        mode: { type: "string" },
        action: { type: "string" },
        manifest: { type: "string" },
        snapshot: { type: "string" },
        operator: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    (values.help ? io.out : io.err)(HELP);
    return values.help ? 0 : 2;
  }
  if (command !== "plan") {
    io.err(`unknown command: ${command}\n\n${HELP}`);
    return 2;
  }
  const operator = values.operator ?? process.env.PARTITION_DESK_OPERATOR ?? "operator@example.com";
  const { operator: _ignored, help: _help, ...request } = values;
  const result = await createPlan(request, operator);
  if (!result.ok) {
    io.err(result.message);
    return 2;
  }
  io.out(JSON.stringify(result.plan, null, 2));
  return 0;
}
