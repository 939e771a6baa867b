// The CLI and the worker, compiled. Started through tsx they transpiled every module of lib/ at every start (3 s
// for `cli plan` on a quiet 2-core machine, far more under load). esbuild bundles our code — scripts/, lib/,
// contracts/, the generated Prisma clients — into dist/<name>.mjs in a fraction of a second; npm packages stay
// external, loaded from node_modules as installed.
//
// A bundle is never used stale: beside it, dist/<name>.inputs.json records the size and modification time of every
// file it was built from (and of this script). scripts/run.mjs compares them before each start and rebuilds a
// bundle whose sources changed (a few milliseconds when nothing did); `node scripts/bundle.mjs` rebuilds the stale
// ones (scripts/prepare.mjs runs it before the demo, the tests and CI).
import fs from "node:fs";
import path from "node:path";

export const ENTRIES = { cli: "scripts/cli.ts", worker: "scripts/worker.ts" };

const root = path.resolve(import.meta.dirname, "..");
const out = (file) => path.join(root, "dist", file);

function stamp(file) {
  try {
    const s = fs.statSync(path.join(root, file));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "missing";
  }
}

/** Why dist/<name>.mjs cannot be used as it is (never built, or a file it was built from changed), or null. */
export function staleness(name) {
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(out(`${name}.inputs.json`), "utf8"));
  } catch {
    return "not built yet";
  }
  if (!fs.existsSync(out(`${name}.mjs`))) return "not built yet";
  for (const [file, was] of Object.entries(inputs)) if (stamp(file) !== was) return `${file} changed`;
  return null;
}

export function staleBundles() {
  return Object.keys(ENTRIES).filter((name) => staleness(name) !== null);
}

/**
 * `import.meta.dirname` names the source file's folder, not the bundle's: modules that find files next to them
 * (the migrations beside lib/) keep finding them.
 */
const sourceDirs = {
  name: "source-dirs",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = fs.readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.dirname")) return undefined;
      const dir = path.relative(root, path.dirname(args.path));
      return {
        contents: source.replaceAll("import.meta.dirname", `__sourceDir(${JSON.stringify(dir)})`),
        loader: "ts",
      };
    });
  },
};

/** Builds dist/<name>.mjs, then its inputs list; each written whole (a temporary file renamed), so a process
 *  starting meanwhile sees the old pair or the new one — two processes rebuilding at once write the same bytes. */
export async function bundle(name) {
  // Loaded here, not at the top: scripts/run.mjs imports this file for its staleness check at every start.
  const esbuild = await import("esbuild");
  const started = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [ENTRIES[name]],
    outfile: out(`${name}.mjs`),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    banner: {
      js: `import { join as __join } from "node:path";\nconst __sourceDir = (dir) => __join(import.meta.dirname, "..", dir);`,
    },
    plugins: [sourceDirs],
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  // A file saved while the build read it may be in the bundle as it was before: recorded so the next start rebuilds.
  const inputs = Object.fromEntries(
    [...Object.keys(result.metafile.inputs), "scripts/bundle.mjs", "tsconfig.json"].map((f) => {
      const now = stamp(f);
      return [f, Number(now.split(":")[1]) >= started ? "changed while bundling" : now];
    }),
  );
  fs.mkdirSync(out(""), { recursive: true });
  const write = (file, contents) => {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, contents);
    fs.renameSync(temporary, file);
  };
  write(out(`${name}.mjs`), result.outputFiles[0].contents);
  write(out(`${name}.inputs.json`), `${JSON.stringify(inputs, null, 1)}\n`);
}

/** Rebuilds the bundle when stale; a build error (a syntax error in lib/) is thrown, never a stale bundle used. */
export async function ensureBundle(name) {
  if (staleness(name) !== null) await bundle(name);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const name of staleBundles()) {
    const why = staleness(name);
    const started = performance.now();
    await bundle(name);
    console.log(`bundled ${ENTRIES[name]} → dist/${name}.mjs (${why}; ${Math.round(performance.now() - started)} ms)`);
  }
}
