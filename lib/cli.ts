// The command-line interface: the same lib code as the UI. stdout carries only the JSON result; every error
// goes to stderr with exit code 2. Kept apart from scripts/cli.ts so tests can call it in-process.
import { parseArgs } from "node:util";
import { z } from "zod";
import { generateStore } from "@/lib/bench/generate";
import { partitionKeyProblem, type PartitionKey } from "@/lib/domain/partition";
import { RECOVERY_ACTIONS } from "@/lib/domain/recovery";
import { migrateStore } from "@/lib/migrate-store";
import { onPostgres } from "@/lib/raw";
import { FINISHED_BACKFILL } from "@/lib/domain/backfill";
import { backfillProgress, type BackfillProgress } from "@/lib/engine/backfill";
import { executePlan } from "@/lib/engine/execute-plan";
import { liveWorkers, Worker } from "@/lib/engine/worker";
import { createPlan } from "@/lib/pipeline/plans";
import { db } from "@/lib/db";
import { allowed, policy, PolicyError } from "@/lib/policy";
import { cliActor } from "@/lib/auth/cli-identity";
import { approvePlan } from "@/lib/pipeline/plan-approval";
import { addUser, changePassword, createToken, disableUser, listUsers, parseRoles, setRoles, type AdminResult } from "@/lib/auth/user-admin";
import { refusalMessage } from "@/lib/domain/roles";

export const HELP = `Partition Desk CLI

Usage:
  npm run -s cli -- plan [--partition YYYY-MM-DD] [--action ACTION] [--manifest ID] [--snapshot ID] [--mode MODE]
  npm run -s cli -- plan --from YYYY-MM-DD --to YYYY-MM-DD [--reprocess MODE] [--mode MODE]
  npm run -s cli -- run ACTION [--partition YYYY-MM-DD] [--manifest ID] [--snapshot ID] [--plan ID]
  npm run -s cli -- run backfill --from YYYY-MM-DD --to YYYY-MM-DD [--reprocess MODE]
  npm run -s cli -- approve --plan ID --reason TEXT
  npm run -s cli -- user add EMAIL --name NAME --roles ROLE[,ROLE] [--os-user NAME]   (password on stdin or PARTITION_DESK_PASSWORD)
  npm run -s cli -- user passwd EMAIL | user roles EMAIL --roles ROLE[,ROLE] | user disable EMAIL | user token EMAIL [--label TEXT] | user list
  npm run -s cli -- generate [--days N] [--tickets-per-day N] [--assets N] [--seed N] [--end YYYY-MM-DD] [--build mixed|none] [--history N] [--audit N]

plan            Make a recovery plan, write it to WEEK06_REPORT_DIR/backfill/ and store it; prints the plan JSON.
  --partition   The partition to plan (default: WEEK06_DEFAULT_PARTITION).
  --action      Force a recovery action: retry, rerun, replay, backfill or restore. Default: the action that fits
                the partition's status (a healthy partition gets rerun only when asked for).
  --manifest    replay: the manifest to re-ingest (default: the newest covering manifest not yet reflected).
  --snapshot    restore: the snapshot to return to (default: the newest trusted snapshot).
  --from, --to  Plan a window of partitions (both included) as a backfill.
  --reprocess   For a window: missing (default), failed_and_missing or all.
  --mode        dry-run (default) or execute (plan, then execute exactly that plan).
  --attest-empty  One partition whose expected input is 0: "this day truly has no data", and why. Without it such a
                plan is refused (the lesson: first confirm the upstream really has records for that day).

run ACTION      Execute a recovery action (retry, rerun, replay, backfill, restore): plans it, then executes the
                plan it just made as a backfill — its runs queued for the workers — and follows it to the end:
                a progress bar on a terminal, JSON lines otherwise (progress events, then the result: run ids,
                statuses, counts). When no worker is alive, this process works the queue itself. Each action
                checks its own precondition and refuses with the reason. With --plan ID, executes that stored
                plan instead, refusing it when the store has drifted since it was made.
  --plan        run: a stored plan id (from plan, or /plans).
  --order       newest_first (default) or oldest_first: which partition of a window runs first.
  --priority    high, normal or low (default: high for a single-partition retry or restore, else normal).
  --confirm-withdraw  run: yes, rewrite released partitions (week07/week08 lose them until a reviewer approves again).

approve         The second person's approval of a plan that rewrites released partitions (policy blast_radius):
                --plan ID --reason TEXT. Its planner may not approve it; a drifted plan cannot be approved.

generate        Build a deterministic large store in the (empty) DATABASE_URL for benchmarks: --days daily
                partitions ending at --end (default 2026-04-30), --tickets-per-day tickets each, --assets assets in
                all (the pipeline's three plus derived ones), from --seed. Defaults: 1095, 300, 92, 1. --build none
                loads the manifests only (every partition missing, ready for a long backfill); default mixed.
                --history N writes N earlier runs per built partition (steps, checks, evidence, reviews) and
                --audit N that many audit events over the years, before the real builds. Defaults: 0, 0.
                Set WEEK06_PARTITION_START_DATE/END_DATE to the generated range to serve it. --delivery DIR puts the
                generated manifests and batches there (default: beside the SQLite file). On PostgreSQL --history
                and --audit must be 0.
  --help        This text.

user            Manage accounts (the machine's administrator runs these; each change is audited). A password comes
                from stdin or PARTITION_DESK_PASSWORD, at least 12 characters; passwd and disable sign the user out
                everywhere; token prints a new API token once.

Who you are: plan and run act as a real user with their roles — the user of PARTITION_DESK_TOKEN, else the user
mapped to this operating-system account (user add --os-user), else, in demo mode only, operator@example.com.
Every run records its origin as cli:<that user>.

Exit codes: 0 done, 1 a run failed (its error is in the JSON), 2 refused or invalid input (the reason is on stderr).`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Redraws a progress line (a terminal); absent: progress goes to `out` as JSON lines. */
  progress?: (line: string) => void;
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
        plan: { type: "string" },
        name: { type: "string" },
        roles: { type: "string" },
        "os-user": { type: "string" },
        label: { type: "string" },
        order: { type: "string" },
        "confirm-withdraw": { type: "boolean" },
        "attest-empty": { type: "string" },
        reason: { type: "string" },
        priority: { type: "string" },
        days: { type: "string" },
        "tickets-per-day": { type: "string" },
        assets: { type: "string" },
        seed: { type: "string" },
        end: { type: "string" },
        build: { type: "string" },
        history: { type: "string" },
        audit: { type: "string" },
        delivery: { type: "string" },
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
  if (command === "generate") return generate(values, io);
  if (command === "user") return user(positionals.slice(1), values, io);
  if (command !== "plan" && command !== "run" && command !== "approve") {
    io.err(`unknown command: ${command}\n\n${HELP}`);
    return 2;
  }
  try {
    policy();
  } catch (e) {
    if (e instanceof PolicyError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
  const me = await cliActor();
  if ("ok" in me) {
    io.err(me.message);
    return 2;
  }
  const permission = command === "approve" ? "approve_plan" : command === "plan" && values.mode !== "execute" ? "plan" : "execute";
  if (!allowed(me, permission)) {
    io.err(refusalMessage(me, permission, policy().roles));
    return 2;
  }
  const operator = me.email;
  const origin = `cli:${me.email}`;
  const { help: _help, plan: planId, "confirm-withdraw": confirmWithdraw, name: _name, roles: _roles, "os-user": _osUser, label: _label, reason, "attest-empty": attestEmpty, ...flags } = values;
  const request = { ...flags, attest_empty: attestEmpty };

  if (command === "approve") {
    if (!planId) {
      io.err("approve: name the plan with --plan ID");
      return 2;
    }
    const approved = await approvePlan(String(planId), operator, reason as string | undefined);
    if (!approved.ok) {
      io.err(approved.message);
      return 2;
    }
    io.out(JSON.stringify({ ok: true, message: approved.message }));
    return 0;
  }

  if (command === "plan") {
    if (planId) {
      io.err("plan: --plan belongs to the run command");
      return 2;
    }
    const result = await createPlan(request, operator);
    if (!result.ok) {
      io.err(result.message);
      return 2;
    }
    if (result.plan.mode !== "execute") {
      io.out(JSON.stringify(result.plan, null, 2));
      return 0;
    }
    return execute(result.plan.plan_id, operator, io, confirmWithdraw === true, origin);
  }

  const action = positionals[1];
  if (!action || !(RECOVERY_ACTIONS as readonly string[]).includes(action)) {
    io.err(`run: name a recovery action: ${RECOVERY_ACTIONS.join(", ")}${action ? ` (not ${action})` : ""}`);
    return 2;
  }
  if (planId) return execute(planId, operator, io, confirmWithdraw === true, origin);
  const made = await createPlan({ ...request, action: request.from || request.to ? undefined : action, mode: "execute" }, operator);
  if (!made.ok) {
    io.err(made.message);
    return 2;
  }
  if (made.plan.recovery_action !== action) {
    io.err(`run ${action}: the partition's plan is ${made.plan.recovery_action}, not ${action}`);
    return 2;
  }
  return execute(made.plan.plan_id, operator, io, confirmWithdraw === true, origin);
}

const generateSchema = z.object({
  days: z.coerce.number().int().min(1).max(5000).default(1095),
  "tickets-per-day": z.coerce.number().int().min(1).max(5000).default(300),
  assets: z.coerce.number().int().min(3).max(1000).default(92),
  seed: z.coerce.number().int().default(1),
  end: z.string().default("2026-04-30").refine((v) => partitionKeyProblem(v) === null, "must be a date as YYYY-MM-DD"),
  build: z.enum(["mixed", "none"], { message: "must be mixed or none" }).default("mixed"),
  history: z.coerce.number().int().min(0).max(100).default(0),
  audit: z.coerce.number().int().min(0).max(10_000_000).default(0),
  delivery: z.string().min(1).max(1000).optional(),
});

async function generate(values: Record<string, unknown>, io: CliIo): Promise<number> {
  const parsed = generateSchema.safeParse(values);
  if (!parsed.success) {
    io.err(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("; "));
    return 2;
  }
  const o = parsed.data;
  if (onPostgres() && (o.history > 0 || o.audit > 0)) {
    // The history writer batches straight into SQLite (lib/bench/history.ts); PostgreSQL stores get the real builds only.
    io.err("--history and --audit are for a SQLite store; on PostgreSQL generate with --history 0 --audit 0");
    return 2;
  }
  await migrateStore();
  const result = await generateStore({
    days: o.days,
    ticketsPerDay: o["tickets-per-day"],
    assets: o.assets,
    seed: o.seed,
    end: o.end as PartitionKey,
    build: o.build,
    history: o.history,
    auditEvents: o.audit,
    deliveryDir: o.delivery,
    log: (l) => io.err(l),
  });
  io.out(JSON.stringify(result, null, 2));
  return 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function bar(p: BackfillProgress): string {
  const finished = p.counts.done + p.counts.failed + p.counts.cancelled;
  const width = 30;
  const filled = Math.round((finished / Math.max(1, p.partitionCount)) * width);
  const eta = p.etaMs ? ` · ~${Math.ceil(p.etaMs / 1000)} s left` : "";
  return `backfill ${p.id} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${finished}/${p.partitionCount} · ${p.counts.failed} failed · ${p.counts.cancelled} cancelled · ${p.status}${eta}`;
}

/**
 * Executes a stored plan as a backfill and follows it to its end. A live worker executes it; when there is none,
 * this process registers as a worker and works the queue itself, so the CLI also works alone.
 */
async function execute(planId: string, operator: string, io: CliIo, confirmWithdraw: boolean, origin: string): Promise<number> {
  const result = await executePlan(planId, operator, { confirmWithdraw, origin });
  if (!result.ok) {
    io.err(result.message);
    return 2;
  }
  const id = result.backfillId;
  const finished = async () => FINISHED_BACKFILL.includes((await db.backfill.findUniqueOrThrow({ where: { id }, select: { status: true } })).status);
  const own = (await liveWorkers()).length === 0 ? await new Worker().register() : null;
  const working = own?.run(finished);
  let last = "";
  for (;;) {
    const p = (await backfillProgress(id))!;
    const line = JSON.stringify({ event: "progress", backfill_id: id, status: p.status, done: p.counts.done, failed: p.counts.failed, cancelled: p.counts.cancelled, left: p.counts.left, of: p.partitionCount, rows_written: p.rowsWritten });
    if (line !== last) {
      if (io.progress) io.progress(bar(p));
      else io.out(line);
      last = line;
    }
    if (FINISHED_BACKFILL.includes(p.status)) break;
    await sleep(200);
  }
  await working;
  await own?.stop();
  return report(id, planId, io);
}

async function report(backfillId: number, planId: string, io: CliIo): Promise<number> {
  const backfill = await db.backfill.findUniqueOrThrow({ where: { id: backfillId }, select: { status: true } });
  const runs = await db.run.findMany({ where: { backfillId }, orderBy: { id: "asc" } });
  const checks = await db.checkResult.groupBy({ by: ["runId"], where: { runId: { in: runs.map((r) => r.id) }, severity: "blocking", passed: false }, _count: { _all: true } });
  const failedChecks = new Map(checks.map((c) => [c.runId, c._count._all]));
  const latest = new Map(runs.map((r) => [r.partitionKey, r]));
  const result = {
    event: "result",
    plan_id: planId,
    backfill_id: backfillId,
    status: backfill.status,
    runs: runs.map((r) => ({
      run_id: r.id,
      action: r.action,
      partition_key: r.partitionKey,
      status: r.status,
      attempt: r.attempt,
      retry_of_run_id: r.retryOfRunId,
      expected_input_count: r.expectedCount,
      rows_before: r.rowsBefore,
      rows_after: r.rowsAfter,
      checks_failed: r.status === "queued" || r.status === "running" ? null : (failedChecks.get(r.id) ?? 0),
      error: r.error,
    })),
  };
  io.out(io.progress ? JSON.stringify(result, null, 2) : JSON.stringify(result));
  return [...latest.values()].every((r) => r.status === "succeeded") && runs.length > 0 ? 0 : 1;
}

/** The password for user add / passwd: PARTITION_DESK_PASSWORD, else stdin (piped), never a flag (shell history). */
async function readPassword(): Promise<string | null> {
  if (process.env.PARTITION_DESK_PASSWORD) return process.env.PARTITION_DESK_PASSWORD;
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "") || null;
}

async function user(args: string[], values: Record<string, unknown>, io: CliIo): Promise<number> {
  const [verb, email] = args;
  const answer = (result: AdminResult): number => {
    if (!result.ok) {
      io.err(result.message);
      return 2;
    }
    io.out(JSON.stringify({ ok: true, message: result.message, ...(result.token ? { token: result.token } : {}) }));
    return 0;
  };
  if (verb === "list") {
    io.out(JSON.stringify(await listUsers(), null, 2));
    return 0;
  }
  if (!verb || !email) {
    io.err(`user: name a command and an email: user add|passwd|roles|disable|token EMAIL\n\n${HELP}`);
    return 2;
  }
  const roles = () => parseRoles(values.roles as string | undefined);
  switch (verb) {
    case "add": {
      const r = roles();
      if (typeof r === "string") return answer({ ok: false, code: "invalid", message: `--roles: ${r}` });
      const password = await readPassword();
      if (!password) return answer({ ok: false, code: "invalid", message: "give the password on stdin or in PARTITION_DESK_PASSWORD" });
      return answer(await addUser({ email, name: String(values.name ?? email), roles: r, password, osUser: values["os-user"] as string | undefined }));
    }
    case "passwd": {
      const password = await readPassword();
      if (!password) return answer({ ok: false, code: "invalid", message: "give the new password on stdin or in PARTITION_DESK_PASSWORD" });
      return answer(await changePassword(email, password));
    }
    case "roles": {
      const r = roles();
      return answer(typeof r === "string" ? { ok: false, code: "invalid", message: `--roles: ${r}` } : await setRoles(email, r));
    }
    case "disable":
      return answer(await disableUser(email));
    case "token":
      return answer(await createToken(email, String(values.label ?? "cli")));
    default:
      io.err(`user: unknown command ${verb} (expected add, passwd, roles, disable, token, list)`);
      return 2;
  }
}
