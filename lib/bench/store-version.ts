// What a generated benchmark store was made by: every source file of the generator (scripts/generate.ts and all it
// imports — the pipeline that builds the partitions, the signing of reviews, the evidence format), the migrations
// that shaped it and the recovery policy its plans were made by. A store made by other code is stale: after reviews were signed, an older store's approvals
// no longer verified and every page measured a store that no longer looked like production. scripts/bench.ts
// generates the store again when this fingerprint changed.
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface StoreVersion {
  /** sha256 over every input's path and hash. */
  hash: string;
  /** Each input, repository-relative, with the sha256 of its bytes. */
  files: Record<string, string>;
}

/** The generator's own source files: esbuild's list of what it would bundle (npm packages excluded). */
async function generatorSources(root: string, entry: string): Promise<string[]> {
  // esbuild comes with tsx (a dev dependency): resolved from tsx, wherever npm placed it (as scripts/bundle.mjs does).
  const esbuild = createRequire(createRequire(path.join(root, "package.json")).resolve("tsx"))(
    "esbuild",
  ) as typeof import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    tsconfig: "tsconfig.json",
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

/** `entry` itself when it is a file, else every file under it (none when it does not exist). */
function filesOf(root: string, entry: string): string[] {
  const abs = path.join(root, entry);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [entry];
  return fs
    .readdirSync(abs, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(entry, f).split(path.sep).join("/"))
    .filter((f) => fs.statSync(path.join(root, f)).isFile());
}

/** What the generator reads at run time rather than imports: the migrations it applies, the policy it plans by. */
const READ_AT_RUN_TIME = ["prisma/migrations", "lib/policy/recovery-policy.json"];

/** The fingerprint of what generates a benchmark store: the generator's sources, the migrations, the policy. */
export async function storeVersion(
  root = process.cwd(),
  entry = "scripts/generate.ts",
  readAtRunTime = READ_AT_RUN_TIME,
): Promise<StoreVersion> {
  const inputs = [
    ...new Set([...(await generatorSources(root, entry)), ...readAtRunTime.flatMap((f) => filesOf(root, f))]),
  ].sort();
  const files = Object.fromEntries(
    inputs.map((f) => [
      f,
      crypto
        .createHash("sha256")
        .update(fs.readFileSync(path.join(root, f)))
        .digest("hex"),
    ]),
  );
  const hash = crypto.createHash("sha256").update(JSON.stringify(files)).digest("hex");
  return { hash, files };
}

/** Why the store generated in `dir` cannot be used by the code as it is now (naming what changed), or null. */
export function staleStore(dir: string, version: StoreVersion): string | null {
  const generated = path.join(dir, "generate.json");
  if (!fs.existsSync(generated) || fs.statSync(generated).size === 0) return "not generated yet";
  let made: Partial<StoreVersion>;
  try {
    made = JSON.parse(fs.readFileSync(path.join(dir, "version.json"), "utf8")) as Partial<StoreVersion>;
  } catch {
    return "generated before the bench recorded what generated it";
  }
  if (made.hash === version.hash) return null;
  const was = made.files ?? {};
  const changed = [
    ...Object.keys(version.files).filter((f) => was[f] !== version.files[f]),
    ...Object.keys(was).filter((f) => !(f in version.files)),
  ];
  const shown = changed.slice(0, 3).join(", ") + (changed.length > 3 ? ` and ${changed.length - 3} more` : "");
  return `its generator or migrations changed since: ${shown}`;
}

/** Records, beside a store just generated, what generated it. */
export function recordStoreVersion(dir: string, version: StoreVersion): void {
  fs.writeFileSync(path.join(dir, "version.json"), `${JSON.stringify(version, null, 1)}\n`);
}
