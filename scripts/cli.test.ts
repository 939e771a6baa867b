// The real CLI, as an operator runs it: a child process on this test file's copy of the seeded store.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { backfillPlanSchema } from "@/contracts/backfill_plan";
import { planFile } from "@/lib/files";
import { useSeededStore } from "@/lib/test-support";
import os from "node:os";
import path from "node:path";

function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]) {
  // As `npm run -s cli` starts it: compiled (scripts/run.mjs).
  const r = spawnSync(process.execPath, ["scripts/run.mjs", "cli", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => useSeededStore());

describe("npm run -s cli -- plan", () => {
  it("prints only the plan JSON on stdout and exits 0", () => {
    const r = cli("plan", "--partition", "2026-04-17", "--mode", "dry-run");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const plan = backfillPlanSchema.parse(JSON.parse(r.stdout));
    expect(plan).toMatchObject({
      partition_key: "2026-04-17",
      recovery_action: "backfill",
      expected_input_count: 3,
      current_output_count: 0,
    });
    expect(JSON.parse(fs.readFileSync(planFile("backfill", "2026-04-17"), "utf8"))).toEqual(plan);
  });

  it("plans a window with --from/--to/--reprocess", () => {
    const r = cli("plan", "--from", "2026-03-20", "--to", "2026-03-26", "--reprocess", "missing");
    expect(r.code).toBe(0);
    const plan = backfillPlanSchema.parse(JSON.parse(r.stdout));
    expect(plan.partitions.filter((p) => p.included).map((p) => p.partition_key)).toEqual([
      "2026-03-22",
      "2026-03-23",
      "2026-03-24",
    ]);
  });

  it("uses WEEK06_DEFAULT_PARTITION without --partition", () => {
    expect(JSON.parse(cli("plan").stdout).partition_key).toBe("2026-04-17");
  });

  it.each([
    [
      ["plan", "--partition", "2026-04-17", "--mode", "bogus"],
      "Unsupported Week06 backfill mode: bogus (expected dry-run or execute)",
    ],
    [["plan", "--partition", "2026-02-30"], 'partition: "2026-02-30" is not a real calendar date'],
    [
      ["plan", "--from", "2026-03-26", "--to", "2026-03-20"],
      "the window ends (2026-03-20) before it starts (2026-03-26)",
    ],
  ])("refuses %j on stderr with exit code 2 and nothing on stdout", (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe(message);
  });

  it("speaks the language of --lang, else LANG, else PARTITION_DESK_LOCALE; its JSON is the same in both", () => {
    const zh = cli("plan", "--partition", "2026-02-30", "--lang", "zh-CN");
    expect(zh.code).toBe(2);
    expect(zh.stderr.trim()).toBe('partition："2026-02-30" 不是真实存在的日期');
    expect(cliWith({ PARTITION_DESK_LOCALE: "zh-CN" }, "plan", "--mode", "bogus").stderr.trim()).toBe(
      "Unsupported Week06 backfill mode: bogus（不支持的模式，应为 dry-run 或 execute）",
    );
    expect(cliWith({ LANG: "zh_CN.UTF-8" }, "plan", "--mode", "bogus").stderr).toMatch(/不支持的模式/);
    expect(cliWith({ LANG: "zh_CN.UTF-8" }, "plan", "--mode", "bogus", "--lang", "en").stderr.trim()).toBe(
      "Unsupported Week06 backfill mode: bogus (expected dry-run or execute)",
    );
    expect(cli("--help", "--lang", "zh-CN").stdout).toMatch(/^Partition Desk 命令行\n\n用法：/);
    const bad = cli("plan", "--lang", "fr");
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("--lang fr: use zh-CN or en");

    // Only messages follow the language: the plan JSON on stdout is the same (created_at aside: it is the clock).
    const withoutClock = (stdout: string) => ({ ...(JSON.parse(stdout) as Record<string, unknown>), created_at: null });
    const inChinese = cli("plan", "--partition", "2026-04-17", "--lang", "zh-CN");
    const inEnglish = cli("plan", "--partition", "2026-04-17", "--lang", "en");
    expect(inChinese.code).toBe(0);
    expect(withoutClock(inChinese.stdout)).toEqual(withoutClock(inEnglish.stdout));
    expect(inChinese.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("refuses an unknown flag with the help text", () => {
    const r = cli("plan", "--partiton", "2026-04-17");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--partiton'/);
    expect(r.stderr).toMatch(/Usage:/);
  });

  it("--help explains every flag", () => {
    const r = cli("--help");
    expect(r.code).toBe(0);
    for (const flag of [
      "--partition",
      "--action",
      "--manifest",
      "--snapshot",
      "--from",
      "--to",
      "--reprocess",
      "--mode",
      "--confirm-withdraw",
      "--help",
    ])
      expect(r.stdout).toContain(flag);
  });
});

describe("the recovery policy", () => {
  function policyWith(change: (p: Record<string, unknown>) => void): string {
    const p = JSON.parse(fs.readFileSync("lib/policy/recovery-policy.json", "utf8")) as Record<string, unknown>;
    change(p);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pd-policy-")), "policy.json");
    fs.writeFileSync(file, JSON.stringify(p));
    return file;
  }

  it("refuses an action it forbids, naming the rule, and writes nothing", () => {
    const file = policyWith(
      (p) =>
        ((p.assets as Record<string, Record<string, boolean>>)["week06/silver/ticket_fact_partitioned"]!.restore =
          false),
    );
    const r = cliWith({ RECOVERY_POLICY_FILE: file }, "run", "restore", "--partition", "2026-04-09");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe(
      'restore of silver ticket facts is not allowed by policy rule assets["week06/silver/ticket_fact_partitioned"].restore',
    );
  });

  it("when broken, stops the CLI with the rule that is wrong", () => {
    const file = policyWith((p) => ((p.required_checks as Record<string, string[]>).backfill = ["row_count_vibes"]));
    const r = cliWith({ RECOVERY_POLICY_FILE: file }, "plan", "--partition", "2026-04-17");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('required_checks.backfill[0]: no check named "row_count_vibes"');
  });
});

describe("who the CLI acts as", () => {
  const NON_DEMO = {
    PARTITION_DESK_DEMO: "",
    SESSION_SECRET: "q8Zt2mW5vK0pL7xR3nB6yH1cF9dJ4sGa",
    EVIDENCE_SECRET: "Xw3Ne7Rb1Tk5Yh9Mp2Lq6Zc0Vd4Gf8Sj",
  };
  const PASSWORD = "a long enough password";

  /** The user's own token, for their (demo) password: `user login`. */
  function tokenOf(email: string): string {
    const r = cliWith({ PARTITION_DESK_PASSWORD: "partition-desk-demo" }, "user", "login", email);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { token: string }).token;
  }

  it("--operator no longer chooses who you are", () => {
    const r = cli("plan", "--partition", "2026-04-17", "--operator", "reviewer@example.com");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--operator'/);
  });

  it("acts as the user of PARTITION_DESK_TOKEN, with that user's roles, and writes nothing it may not", async () => {
    const { db } = await import("@/lib/db");
    const plans = await db.plan.count();
    const r = cliWith({ PARTITION_DESK_TOKEN: tokenOf("viewer@example.com") }, "plan", "--partition", "2026-04-17");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("viewer@example.com (viewer) may not plan: policy rule roles.plan allows operator");
    expect(await db.plan.count()).toBe(plans);
    const forged = cliWith({ PARTITION_DESK_TOKEN: "pdt_not-a-token" }, "plan", "--partition", "2026-04-17");
    expect(forged.code).toBe(2);
    expect(forged.stderr).toContain("PARTITION_DESK_TOKEN is not a valid token");
  });

  it("records every run it starts as cli:<user>, so its author still may not approve it", async () => {
    const { db } = await import("@/lib/db");
    const { reviewEvidence } = await import("@/lib/pipeline/review");
    const r = cliWith(
      { PARTITION_DESK_TOKEN: tokenOf("lead@example.com") },
      "run",
      "backfill",
      "--partition",
      "2026-03-22",
    );
    expect(r.code).toBe(0);
    const run = await db.run.findFirstOrThrow({
      where: { partitionKey: "2026-03-22" },
      orderBy: { id: "desc" },
      include: { evidence: true },
    });
    expect(run).toMatchObject({ origin: "cli:lead@example.com", operator: "lead@example.com" });
    expect(
      await reviewEvidence({ evidenceId: run.evidence!.id, reviewer: "lead@example.com", decision: "approved" }),
    ).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("four eyes: a rerun of a released day waits for another person's approve; its planner is refused", async () => {
    const { db } = await import("@/lib/db");
    const operator = { PARTITION_DESK_TOKEN: tokenOf("operator@example.com") };
    const planned = cliWith(operator, "plan", "--partition", "2026-04-05", "--action", "rerun");
    expect(planned.code).toBe(0);
    const plan = backfillPlanSchema.parse(JSON.parse(planned.stdout));
    expect(plan).toMatchObject({
      proposed_action: "dry_run_rerun_for_partition",
      approval_required: expect.stringContaining("blast_radius.released_rewrite_needs_second_approval"),
    });
    const runs = await db.run.count();
    const early = cliWith(operator, "run", "rerun", "--plan", plan.plan_id, "--confirm-withdraw");
    expect(early.code).toBe(2);
    expect(early.stderr).toContain(`plan ${plan.plan_id} needs a second person's approval before it executes`);
    const own = cliWith(operator, "approve", "--plan", plan.plan_id, "--reason", "mine");
    expect(own.code).toBe(2);
    expect(own.stderr.trim()).toBe(
      `operator@example.com made plan ${plan.plan_id} and may not approve it; another person must`,
    );
    expect(await db.run.count()).toBe(runs);
    const approved = cliWith(
      { PARTITION_DESK_TOKEN: tokenOf("reviewer@example.com") },
      "approve",
      "--plan",
      plan.plan_id,
      "--reason",
      "priority mapping fixed upstream",
    );
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toEqual({
      ok: true,
      message: `plan ${plan.plan_id} approved by reviewer@example.com: it may execute`,
    });
    const ran = cliWith(operator, "run", "rerun", "--plan", plan.plan_id, "--confirm-withdraw");
    expect(ran.code, ran.stderr).toBe(0);
    expect(await db.run.count()).toBe(runs + 1);
  });

  it("outside demo mode acts only as a real user: refused until an administrator maps this OS account to one", async () => {
    const { db } = await import("@/lib/db");
    const { tokenHash } = await import("@/lib/auth/users");
    const refused = cliWith(NON_DEMO, "plan", "--partition", "2026-04-17");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("the CLI acts as a real user: set PARTITION_DESK_TOKEN");
    // No token, no mapping: account administration is refused too, and changes nothing (issue 22, item 7).
    const accounts = async () => ({ users: await db.user.findMany(), tokens: await db.apiToken.findMany() });
    const before = await accounts();
    const withPassword = { ...NON_DEMO, PARTITION_DESK_PASSWORD: PASSWORD };
    for (const args of [
      ["user", "token", "reviewer@example.com"],
      ["user", "roles", "operator@example.com", "--roles", "operator,reviewer"],
      ["user", "passwd", "reviewer@example.com"],
      ["user", "add", "ops@example.com", "--roles", "operator", "--os-user", os.userInfo().username],
    ]) {
      const r = cliWith(withPassword, ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("account administration needs an administrator, and the CLI could name no user");
    }
    expect(await accounts()).toEqual(before);
    // An administrator's token minted outside demo mode (as `user token` there stores it): the mapping is made.
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const adminToken = "pdt_an-administrators-token-minted-outside-demo-mode";
    await db.apiToken.create({
      data: { userId: admin.id, tokenHash: tokenHash(adminToken), label: "ops", demo: false },
    });
    const added = cliWith(
      { ...withPassword, PARTITION_DESK_TOKEN: adminToken },
      "user",
      "add",
      "ops@example.com",
      "--name",
      "Ops",
      "--roles",
      "operator",
      "--os-user",
      os.userInfo().username,
    );
    expect(added.code, added.stderr).toBe(0);
    const planned = cliWith(NON_DEMO, "plan", "--partition", "2026-04-17");
    expect(planned.code).toBe(0);
    expect(JSON.parse(planned.stdout)).toMatchObject({ operator: "ops@example.com" });
    // A token minted in demo mode opens nothing outside it.
    const viewers = tokenOf("viewer@example.com");
    const outside = cliWith({ ...NON_DEMO, PARTITION_DESK_TOKEN: viewers }, "plan", "--partition", "2026-04-17");
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("PARTITION_DESK_TOKEN is not a valid token (revoked, minted in demo mode");
    await db.user.update({ where: { email: "ops@example.com" }, data: { osUser: null } });
  }, 90_000);

  it("in demo mode the CLI is the demo's operator: it may not mint a reviewer's token (separation of duties)", async () => {
    const { db } = await import("@/lib/db");
    const tokens = await db.apiToken.count();
    const r = cli("user", "token", "reviewer@example.com");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      "operator@example.com (operator) may not administer_users: policy rule roles.administer_users allows admin",
    );
    expect(await db.apiToken.count()).toBe(tokens);
  });

  it("manages accounts as an administrator: a published or short password is refused; passwd and disable sign the user out; each change is audited with the administrator", async () => {
    const { db } = await import("@/lib/db");
    const admin = { PARTITION_DESK_TOKEN: tokenOf("admin@example.com") };
    expect(
      cliWith(
        { ...admin, PARTITION_DESK_PASSWORD: "partition-desk-demo" },
        "user",
        "add",
        "new@example.com",
        "--roles",
        "viewer",
      ).stderr.trim(),
    ).toBe("that password is published in this repository; choose another");
    expect(
      cliWith(
        { ...admin, PARTITION_DESK_PASSWORD: "short" },
        "user",
        "add",
        "new@example.com",
        "--roles",
        "viewer",
      ).stderr.trim(),
    ).toBe("the password needs at least 12 characters");
    expect(
      cliWith(
        { ...admin, PARTITION_DESK_PASSWORD: PASSWORD },
        "user",
        "add",
        "new@example.com",
        "--roles",
        "root",
      ).stderr.trim(),
    ).toBe("--roles: unknown role root (expected viewer, operator, reviewer, admin)");
    expect(
      cliWith({ ...admin, PARTITION_DESK_PASSWORD: PASSWORD }, "user", "add", "new@example.com", "--roles", "viewer")
        .code,
    ).toBe(0);
    const version = async () =>
      (await db.user.findUniqueOrThrow({ where: { email: "new@example.com" } })).sessionVersion;
    const v0 = await version();
    expect(
      cliWith({ ...admin, PARTITION_DESK_PASSWORD: `${PASSWORD}!` }, "user", "passwd", "new@example.com").code,
    ).toBe(0);
    expect(await version()).toBe(v0 + 1);
    expect(cliWith(admin, "user", "roles", "new@example.com", "--roles", "none").stdout).toContain("now holds no role");
    expect(cliWith(admin, "user", "disable", "new@example.com").code).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { email: "new@example.com" } })).toMatchObject({
      disabled: true,
      sessionVersion: v0 + 2,
    });
    const audited = await db.auditEvent.findMany({
      where: { target: "new@example.com", action: { startsWith: "user." }, outcome: "ok" },
      orderBy: { id: "asc" },
    });
    expect(audited.map((a) => [a.action, a.actor])).toEqual(
      ["user.add", "user.passwd", "user.roles", "user.disable"].map((action) => [action, "admin@example.com"]),
    );
  }, 90_000); // eight CLI processes, each a cold start of tsx

  it("lists and revokes tokens: `user tokens`, `user revoke`", () => {
    const mine = tokenOf("reviewer@example.com");
    const reviewer = { PARTITION_DESK_TOKEN: mine };
    const listed = JSON.parse(cliWith(reviewer, "user", "tokens", "reviewer@example.com").stdout) as {
      id: number;
      label: string;
      revoked_at: string | null;
    }[];
    const login = listed.filter((t) => t.label === "login" && t.revoked_at === null).at(-1)!;
    expect(login).toBeDefined();
    expect(cliWith(reviewer, "user", "revoke", "1e1").stderr.trim()).toBe(
      "user revoke: 1e1 is not a token id (user tokens EMAIL lists them)",
    );
    const revoked = cliWith(reviewer, "user", "revoke", String(login.id));
    expect(revoked.code, revoked.stderr).toBe(0);
    // The revoked token is the one this CLI held: it opens nothing now.
    const after = cliWith(reviewer, "user", "tokens", "reviewer@example.com");
    expect(after.code).toBe(2);
    expect(after.stderr).toContain("PARTITION_DESK_TOKEN is not a valid token");
  }, 60_000);
});
