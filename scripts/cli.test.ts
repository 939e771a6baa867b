// The real CLI, as an operator runs it: a child process on this test file's copy of the seeded store.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { backfillPlanSchema } from "@/contracts/backfill_plan";
import { planFile } from "@/lib/pipeline/plans";
import { useSeededStore } from "@/lib/test-support";

function cli(...args: string[]) {
  const r = spawnSync("npx", ["tsx", "scripts/cli.ts", ...args], { encoding: "utf8", env: process.env });
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
