// The real CLI, as an operator runs it: a child process on this test file's copy of the seeded store.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { backfillPlanSchema } from "@/contracts/backfill_plan";
import { planFile } from "@/lib/pipeline/plans";
import { useSeededStore } from "@/lib/test-support";
import os from "node:os";
import path from "node:path";

function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync("npx", ["tsx", "scripts/cli.ts", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => useSeededStore());

describe("npm run -s cli -- plan", () => {
  it("prints only the plan JSON on stdout and exits 0", () => {
    const r = cli("plan", "--partition", "2026-04-17", "--mode", "dry-run");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const plan = backfillPlanSchema.parse(JSON.parse(r.stdout));
    expect(plan).toMatchObject({ partition_key: "2026-04-17", recovery_action: "backfill", expected_input_count: 3, current_output_count: 0 });
    expect(JSON.parse(fs.readFileSync(planFile("2026-04-17"), "utf8"))).toEqual(plan);
  });

  it("plans a window with --from/--to/--reprocess", () => {
    const r = cli("plan", "--from", "2026-03-20", "--to", "2026-03-26", "--reprocess", "missing");
    expect(r.code).toBe(0);
    const plan = backfillPlanSchema.parse(JSON.parse(r.stdout));
    expect(plan.partitions.filter((p) => p.included).map((p) => p.partition_key)).toEqual(["2026-03-22", "2026-03-23", "2026-03-24"]);
  });

  it("uses WEEK06_DEFAULT_PARTITION without --partition", () => {
    expect(JSON.parse(cli("plan").stdout).partition_key).toBe("2026-04-17");
  });

  it.each([
    [["plan", "--partition", "2026-04-17", "--mode", "bogus"], "Unsupported Week06 backfill mode: bogus (expected dry-run or execute)"],
    [["plan", "--partition", "2026-02-30"], 'partition: "2026-02-30" is not a real calendar date'],
    [["plan", "--from", "2026-03-26", "--to", "2026-03-20"], "the window ends (2026-03-20) before it starts (2026-03-26)"],
  ])("refuses %j on stderr with exit code 2 and nothing on stdout", (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe(message);
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
    for (const flag of ["--partition", "--action", "--manifest", "--snapshot", "--from", "--to", "--reprocess", "--mode", "--operator", "--help"]) expect(r.stdout).toContain(flag);
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
    const file = policyWith((p) => ((p.assets as Record<string, Record<string, boolean>>)["week06/silver/ticket_fact_partitioned"]!.restore = false));
    const r = cliWith({ RECOVERY_POLICY_FILE: file }, "run", "restore", "--partition", "2026-04-09");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe('restore of silver ticket facts is not allowed by policy rule assets["week06/silver/ticket_fact_partitioned"].restore');
  });

  it("when broken, stops the CLI with the rule that is wrong", () => {
    const file = policyWith((p) => ((p.required_checks as Record<string, string[]>).backfill = ["row_count_vibes"]));
    const r = cliWith({ RECOVERY_POLICY_FILE: file }, "plan", "--partition", "2026-04-17");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('required_checks.backfill[0]: no check named "row_count_vibes"');
  });
});
