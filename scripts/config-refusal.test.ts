// A bad configuration stops the CLI and the worker with the message that names the variable — never a stack trace —
// and before either opens the store: real processes, started as `npm run -s cli` and `npm run worker` start them.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const BAD_DATE = { WEEK06_DEFAULT_PARTITION: "2026-02-30" };
const NO_SECRETS = { PARTITION_DESK_DEMO: "", SESSION_SECRET: "", EVIDENCE_SECRET: "" };

/** Runs `node scripts/run.mjs <name> …args` on a store folder of its own, which a refused start must not create. */
function start(name: "cli" | "worker", env: Record<string, string>, ...args: string[]) {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pd-config-")), "store");
  const r = spawnSync(process.execPath, ["scripts/run.mjs", name, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "store.db")}`, ...env },
    // A worker that was not refused would wait for runs: stopped, and the test fails on its exit.
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, storeCreated: fs.existsSync(dir) };
}

describe("a bad configuration", () => {
  it.each([
    [
      "an impossible WEEK06_DEFAULT_PARTITION",
      BAD_DATE,
      ['WEEK06_DEFAULT_PARTITION: "2026-02-30" is not a real calendar date'],
    ],
    [
      "no secrets outside demo mode",
      NO_SECRETS,
      ["SESSION_SECRET: is required outside demo mode", "EVIDENCE_SECRET: is required outside demo mode"],
    ],
  ])("with %s: the CLI prints the refusal naming it on stderr, exits 2 and opens no store", (_, env, lines) => {
    for (const args of [
      ["plan", "--partition", "2026-04-17", "--mode", "dry-run"],
      ["user", "list"],
    ]) {
      const r = start("cli", env, ...args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^Invalid Partition Desk configuration:\n/);
      for (const line of lines) expect(r.stderr).toContain(line);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.storeCreated).toBe(false);
    }
  });

  it.each([
    [
      "an impossible WEEK06_DEFAULT_PARTITION",
      BAD_DATE,
      'WEEK06_DEFAULT_PARTITION: "2026-02-30" is not a real calendar date',
    ],
    ["no secrets outside demo mode", NO_SECRETS, "EVIDENCE_SECRET: is required outside demo mode"],
  ])("with %s: the worker prints the refusal naming it, exits 1 and opens no store", (_, env, line) => {
    const r = start("worker", env);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Invalid Partition Desk configuration:\n/);
    expect(r.stderr).toContain(line);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.storeCreated).toBe(false);
  });
});
