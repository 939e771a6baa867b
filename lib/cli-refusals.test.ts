// Every refusal the CLI prints reaches its reader as a sentence in their language, never as a catalog key: a
// message passed on as a plain string (a zod finding, a nested refusal) once printed `snapshot：contract.notSnapshotId`.
// The CLI runs in-process (lib/cli.ts) on this file's copy of the seeded store; each case is refused before any write.
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "@/lib/cli";
import { isMessageKey } from "@/lib/i18n/text";
import { useSeededStore } from "@/lib/test-support";

beforeAll(() => useSeededStore());

const REFUSED: string[][] = [
  ["plan", "--partition", "2026-04-17", "--mode", "bogus"],
  ["plan", "--partition", "2026-02-30"],
  ["plan", "--partition", "17-04-2026"],
  ["plan", "--partition", "2026-05-03"],
  ["plan", "--from", "2026-03-26", "--to", "2026-03-20"],
  ["plan", "--from", "2026-03-20"],
  ["plan", "--partition", "2026-04-17", "--from", "2026-03-20", "--to", "2026-03-21"],
  ["plan", "--from", "2026-03-01", "--to", "2026-03-02"],
  ["plan", "--from", "2026-03-20", "--to", "2026-03-26", "--reprocess", "sometimes"],
  ["plan", "--from", "2026-03-20", "--to", "2026-03-26", "--action", "replay"],
  ["plan", "--from", "2026-03-20", "--to", "2026-03-26", "--attest-empty", "no data"],
  ["plan", "--partition", "2026-04-17", "--reprocess", "all"],
  ["plan", "--partition", "2026-04-17", "--order", "sideways"],
  ["plan", "--partition", "2026-04-17", "--priority", "urgent"],
  ["plan", "--partition", "2026-04-17", "--action", "explode"],
  ["plan", "--partition", "2026-04-01", "--attest-empty", "no data"],
  ["plan", "--partition", "2026-04-01"],
  ["plan", "--plan", "0123456789abcdef"],
  ["plan", "--partition", "2026-04-09", "--action", "restore", "--snapshot", "abc"],
  ["plan", "--partition", "2026-04-09", "--action", "restore", "--snapshot", "-1"],
  ["plan", "--partition", "2026-04-09", "--action", "restore", "--snapshot", "999999"],
  ["plan", "--partition", "2026-03-01", "--action", "restore"],
  ["plan", "--partition", "2026-03-01", "--action", "retry"],
  ["plan", "--partition", "2026-03-01", "--action", "replay", "--manifest", "nope"],
  ["run", "restore", "--partition", "2026-04-09", "--snapshot", "abc"],
  ["run", "backfill", "--partition", "2026-03-01"],
  ["run", "explode"],
  ["run"],
  ["run", "retry", "--partition", "2026-04-17"],
  ["run", "backfill", "--plan", "0123456789abcdef"],
  ["approve"],
  ["approve", "--plan", "0123456789abcdef", "--reason", "looks right"],
  ["frobnicate"],
  ["user"],
  ["user", "frob", "someone@example.com"],
  ["plan", "--lang", "tlh"],
];

/** Every dotted word of the output that names a catalog message. */
function rawKeys(output: string): string[] {
  return [...output.matchAll(/[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+/g)]
    .map((m) => m[0])
    .filter(isMessageKey);
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("CLI refusals", () => {
  it.each(REFUSED.map((args) => [args.join(" "), args] as const))(
    "%s: refused on stderr, in the reader's language, with no catalog key",
    async (_, args) => {
      const en = await cli([...args, ...(args.includes("--lang") ? [] : ["--lang", "en"])]);
      expect(en.code).toBe(2);
      expect(en.stdout).toBe("");
      expect(en.stderr.trim()).not.toBe("");
      expect(rawKeys(en.stderr)).toEqual([]);
      if (args.includes("--lang")) return; // the unknown language is answered in the environment's
      const zh = await cli([...args, "--lang", "zh-CN"]);
      expect(zh.code).toBe(2);
      expect(rawKeys(zh.stderr)).toEqual([]);
      expect(zh.stderr).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it("the finder sees a key when one is printed", () => {
    expect(rawKeys("snapshot：contract.notSnapshotId")).toEqual(["contract.notSnapshotId"]);
    expect(rawKeys("manifest week06-seed-manifest-001.json, backfill_plan_2026-04-17.json")).toEqual([]);
  });
});
