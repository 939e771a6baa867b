// The command-line interface: the same lib code as the UI. stdout carries only the JSON result; every error
// goes to stderr with exit code 2. Kept apart from scripts/cli.ts so tests can call it in-process.
import { parseArgs } from "node:util";
import { RECOVERY_ACTIONS } from "@/lib/domain/recovery";
import { FINISHED_BACKFILL } from "@/lib/domain/backfill";
import { backfillProgress, type BackfillProgress } from "@/lib/engine/backfill";
import { executePlan } from "@/lib/engine/execute-plan";
import { liveWorkers, Worker } from "@/lib/engine/worker";
import { createPlan } from "@/lib/pipeline/plans";
import { db } from "@/lib/db";
import { allowed, policy, PolicyError } from "@/lib/policy";
import { cliActor, cliUser } from "@/lib/auth/cli-identity";
import { approvePlan } from "@/lib/pipeline/plan-approval";
import {
  addUser,
  changePassword,
  createToken,
  disableUser,
  listTokens,
  listUsers,
  loginToken,
  parseRoles,
  revokeToken,
  setRoles,
  type AdminResult,
} from "@/lib/auth/user-admin";
import { refusalText } from "@/lib/domain/roles";
import { config } from "@/lib/config";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import { render, text, type MessageKey, type Text, type TextValue } from "@/lib/i18n/text";
import { refusal, type Refused } from "@/lib/domain/refusal";
import { parseStoreId } from "@/contracts/fields";
import { isOneOf } from "@/lib/domain/one-of";

/**
 * The CLI's language: --lang, else the user's LANG (LC_ALL, LC_MESSAGES) when it names one of ours, else
 * PARTITION_DESK_LOCALE. Only messages follow it: the JSON on stdout is the same in every language.
 */
export function cliLocale(
  lang: string | undefined,
  env: Record<string, string | undefined> = process.env,
): Locale | null {
  if (lang !== undefined) return toLocale(lang);
  return toLocale(env.LC_ALL) ?? toLocale(env.LC_MESSAGES) ?? toLocale(env.LANG) ?? config().defaultLocale;
}

/** The usage text, in the CLI's language. */
export function help(locale: Locale): string {
  return render(text("cli.help"), locale);
}

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
        lang: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    // Node's own message about the arguments (it has no Chinese); the usage that follows is in the CLI's language —
    // the --lang the arguments name, when they could not be parsed as a whole.
    const lang = argv.flatMap((a, i) => (a === "--lang" ? [argv[i + 1]] : a.startsWith("--lang=") ? [a.slice(7)] : []));
    io.err(
      `${e instanceof Error ? e.message : String(e)}\n\n${help((lang[0] && toLocale(lang[0])) || cliLocale(undefined) || "en")}`,
    );
    return 2;
  }
  const { values, positionals } = parsed;
  const chosen = cliLocale(values.lang);
  if (!chosen) {
    io.err(render(text("cli.unknownLang", { lang: String(values.lang) }), cliLocale(undefined) ?? "en"));
    return 2;
  }
  const locale: Locale = chosen;
  /** A refusal or finding on stderr, in the CLI's language. */
  const fail = (message: Text | MessageKey, values?: Record<string, TextValue>): number => {
    io.err(render(typeof message === "string" ? text(message, values) : message, locale));
    return 2;
  };
  const command = positionals[0];
  if (values.help || !command) {
    (values.help ? io.out : io.err)(help(locale));
    return values.help ? 0 : 2;
  }
  if (command !== "plan" && command !== "run" && command !== "approve" && command !== "user") {
    io.err(`${render(text("cli.unknownCommand", { command }), locale)}\n\n${help(locale)}`);
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
  if (command === "user") return user(positionals.slice(1), values, io, locale);
  const me = await cliActor();
  if ("ok" in me) return fail(me.text);
  const permission =
    command === "approve" ? "approve_plan" : command === "plan" && values.mode !== "execute" ? "plan" : "execute";
  if (!allowed(me, permission)) return fail(refusalText(me, permission, policy().roles));
  const operator = me.email;
  const origin = `cli:${me.email}`;
  const {
    help: _help,
    lang: _lang,
    plan: planId,
    "confirm-withdraw": confirmWithdraw,
    name: _name,
    roles: _roles,
    "os-user": _osUser,
    label: _label,
    reason,
    "attest-empty": attestEmpty,
    ...flags
  } = values;
  const request = { ...flags, attest_empty: attestEmpty };

  if (command === "approve") {
    if (!planId) return fail("cli.approveNeedsPlan");
    const approved = await approvePlan(String(planId), operator, reason as string | undefined);
    if (!approved.ok) return fail(approved.text);
    io.out(JSON.stringify({ ok: true, message: approved.message }));
    return 0;
  }

  if (command === "plan") {
    if (planId) return fail("cli.planFlagIsRun");
    const result = await createPlan(request, operator);
    if (!result.ok) return fail(result.text);
    if (result.plan.mode !== "execute") {
      io.out(JSON.stringify(result.plan, null, 2));
      return 0;
    }
    return execute(result.plan.plan_id, operator, io, confirmWithdraw === true, origin, locale);
  }

  const action = positionals[1];
  if (!action || !isOneOf(RECOVERY_ACTIONS, action)) {
    return action
      ? fail("cli.runNeedsActionNot", { actions: RECOVERY_ACTIONS.join(", "), action })
      : fail("cli.runNeedsAction", { actions: RECOVERY_ACTIONS.join(", ") });
  }
  if (planId) return execute(planId, operator, io, confirmWithdraw === true, origin, locale);
  const made = await createPlan(
    { ...request, action: request.from || request.to ? undefined : action, mode: "execute" },
    operator,
  );
  if (!made.ok) return fail(made.text);
  if (made.plan.recovery_action !== action)
    return fail("cli.planIsOther", { action, planned: made.plan.recovery_action });
  return execute(made.plan.plan_id, operator, io, confirmWithdraw === true, origin, locale);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function bar(p: BackfillProgress, locale: Locale): string {
  const finished = p.counts.done + p.counts.failed + p.counts.cancelled;
  const width = 30;
  const filled = Math.round((finished / Math.max(1, p.partitionCount)) * width);
  const values = {
    id: p.id,
    bar: `${"#".repeat(filled)}${"-".repeat(width - filled)}`,
    finished,
    total: p.partitionCount,
    failed: p.counts.failed,
    cancelled: p.counts.cancelled,
    status: text(`backfillStatus.label.${p.status}`),
  };
  return render(
    p.etaMs ? text("cli.barEta", { ...values, seconds: Math.ceil(p.etaMs / 1000) }) : text("cli.bar", values),
    locale,
  );
}

/**
 * Executes a stored plan as a backfill and follows it to its end. A live worker executes it; when there is none,
 * this process registers as a worker and works the queue itself, so the CLI also works alone.
 */
async function execute(
  planId: string,
  operator: string,
  io: CliIo,
  confirmWithdraw: boolean,
  origin: string,
  locale: Locale,
): Promise<number> {
  const result = await executePlan(planId, operator, { confirmWithdraw, origin });
  if (!result.ok) {
    io.err(render(result.text, locale));
    return 2;
  }
  const id = result.backfillId;
  const finished = async () =>
    FINISHED_BACKFILL.includes(
      (await db.backfill.findUniqueOrThrow({ where: { id }, select: { status: true } })).status,
    );
  const own = (await liveWorkers()).length === 0 ? await new Worker().register() : null;
  const working = own?.run(finished);
  let last = "";
  for (;;) {
    const p = (await backfillProgress(id))!;
    const line = JSON.stringify({
      event: "progress",
      backfill_id: id,
      status: p.status,
      done: p.counts.done,
      failed: p.counts.failed,
      cancelled: p.counts.cancelled,
      left: p.counts.left,
      of: p.partitionCount,
      rows_written: p.rowsWritten,
    });
    if (line !== last) {
      if (io.progress) io.progress(bar(p, locale));
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
  const checks = await db.checkResult.groupBy({
    by: ["runId"],
    where: { runId: { in: runs.map((r) => r.id) }, severity: "blocking", passed: false },
    _count: { _all: true },
  });
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
  return (
    Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "") || null
  );
}

async function user(args: string[], values: Record<string, unknown>, io: CliIo, locale: Locale): Promise<number> {
  const [verb, subject] = args;
  const refuse = (result: Refused): number => {
    io.err(render(result.text, locale));
    return 2;
  };
  const answer = (result: AdminResult): number => {
    if (!result.ok) return refuse(result);
    const { token, tokenId } = result;
    io.out(JSON.stringify({ ok: true, message: result.message, ...(token ? { token, token_id: tokenId } : {}) }));
    return 0;
  };
  const listing = (result: object[] | Refused): number => {
    if (!Array.isArray(result)) return refuse(result);
    io.out(JSON.stringify(result, null, 2));
    return 0;
  };
  // Who asks — the same identity as every other command. A token that is not one is refused here, never ignored.
  const by = await cliUser();
  if (by && "ok" in by) return refuse(by);
  if (verb === "list") return listing(await listUsers(by));
  if (!verb || !subject) {
    io.err(`${render(text("cli.userNeedsEmail"), locale)}\n\n${help(locale)}`);
    return 2;
  }
  const email = subject;
  const roles = () => parseRoles(values.roles as string | undefined);
  switch (verb) {
    case "add": {
      const r = roles();
      if (!Array.isArray(r)) return answer(refusal("invalid", "cli.rolesFlag", { problem: r }));
      const password = await readPassword();
      if (!password) return answer(refusal("invalid", "cli.passwordNeeded"));
      return answer(
        await addUser(
          {
            email,
            name: String(values.name ?? email),
            roles: r,
            password,
            osUser: values["os-user"] as string | undefined,
          },
          by,
        ),
      );
    }
    case "passwd": {
      const password = await readPassword();
      if (!password) return answer(refusal("invalid", "cli.newPasswordNeeded"));
      return answer(await changePassword(email, password, by));
    }
    case "roles": {
      const r = roles();
      return answer(
        Array.isArray(r) ? await setRoles(email, r, by) : refusal("invalid", "cli.rolesFlag", { problem: r }),
      );
    }
    case "disable":
      return answer(await disableUser(email, by));
    case "token":
      return answer(await createToken(email, String(values.label ?? "cli"), by));
    case "tokens":
      return listing(await listTokens(email, by));
    case "revoke": {
      const id = parseStoreId(subject);
      return answer(id === null ? refusal("invalid", "cli.notATokenId", { id: subject }) : await revokeToken(id, by));
    }
    case "login": {
      const password = await readPassword();
      if (!password) return answer(refusal("invalid", "cli.passwordNeeded"));
      return answer(await loginToken(email, password));
    }
    default:
      io.err(render(text("cli.userUnknown", { verb }), locale));
      return 2;
  }
}
