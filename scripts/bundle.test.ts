// The compiled CLI and worker are never run stale: a source file that changed after the bundle was built makes
// scripts/run.mjs rebuild it before it starts (scripts/bundle.mjs).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { useSeededStore } from "@/lib/test-support";
import { ensureBundle, staleness } from "./bundle.mjs";

beforeAll(() => useSeededStore());

describe("the compiled CLI", () => {
  it("is rebuilt before it starts when a file it was built from changed since", async () => {
    await ensureBundle("cli");
    expect(staleness("cli")).toBeNull();
    const inputs = JSON.parse(fs.readFileSync("dist/cli.inputs.json", "utf8")) as Record<string, string>;
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(["scripts/cli.ts", "lib/cli.ts", "lib/db.ts"]));
    // Touched, as an editor's save or a checkout would: the same bytes, a new modification time.
    const touched = new Date(fs.statSync("lib/cli.ts").mtimeMs - 1_000);
    fs.utimesSync("lib/cli.ts", touched, touched);
    expect(staleness("cli")).toBe("lib/cli.ts changed");
    const r = spawnSync(process.execPath, ["scripts/run.mjs", "cli", "--help"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("--partition");
    expect(staleness("cli")).toBeNull();
  });

  it("tracks the npm packages it bundles and Prisma's query compiler it reads beside it", async () => {
    await ensureBundle("cli");
    const inputs = Object.keys(JSON.parse(fs.readFileSync("dist/cli.inputs.json", "utf8")) as Record<string, string>);
    // An upgraded zod or use-intl is a changed input like any file of lib/.
    for (const bundled of ["zod", "use-intl", "intl-messageformat", "@prisma/adapter-better-sqlite3"])
      expect(inputs.some((f) => f.startsWith(`node_modules/${bundled}/`))).toBe(true);
    const compiler = "dist/cli.query_compiler_small_bg.sqlite.wasm";
    expect(inputs).toEqual(
      expect.arrayContaining([
        compiler,
        "node_modules/@prisma/client/runtime/query_compiler_small_bg.sqlite.wasm-base64.mjs",
      ]),
    );
    fs.rmSync(compiler);
    expect(staleness("cli")).toBe(`${compiler} changed`);
    const r = spawnSync(process.execPath, ["scripts/run.mjs", "cli", "plan", "--partition", "2026-04-17"], {
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ partition_key: "2026-04-17" });
    expect(staleness("cli")).toBeNull();
  });

  it("refuses to start an unknown script", () => {
    const r = spawnSync(process.execPath, ["scripts/run.mjs", "seed"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: node scripts/run.mjs <cli|worker>");
  });
});
