// The CLI and the worker, compiled. Started through tsx they transpiled every module of lib/ at every start (3 s
// for `cli plan` on a quiet 2-core machine, far more under load). esbuild bundles our code — scripts/, lib/,
// contracts/, the generated Prisma clients — and the pure-JavaScript npm packages into dist/<name>.mjs in a fraction
// of a second (see EXTERNAL for what stays in node_modules, and why).
//
// A bundle is never used stale: beside it, dist/<name>.inputs.json records the size and modification time of every
// file it was built from (and of this script), bundled packages' files included, and of the files it reads beside
// it. scripts/run.mjs compares them before each start and rebuilds a bundle whose sources changed (a few
// milliseconds when nothing did); `node scripts/bundle.mjs` rebuilds the stale ones (scripts/prepare.mjs runs it
// before the demo, the tests and CI).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ENTRIES = { cli: "scripts/cli.ts", worker: "scripts/worker.ts" };

/**
 * npm packages left out of the bundles, loaded from node_modules as installed: native code (better-sqlite3), Prisma's
 * runtime and query compiler (kept as Prisma ships them, versioned with the generated client), and what only a
 * process on PostgreSQL loads. Every other package (zod, use-intl and its ICU parser, async-mutex, the SQLite driver
 * adapter) is plain JavaScript and bundled: Node loading them as some 200 separate modules at every start cost
 * ~80 ms of CPU, more than the `plan` command itself.
 */
const EXTERNAL = ["better-sqlite3", "@prisma/client", "@prisma/adapter-pg", "pg", "pg-boss"];

/**
 * The CommonJS ones are loaded with require() (the banner below defines it): imported from an ES module, Node first
 * scans a CommonJS file's whole source for its export names — ~40 ms at every start for Prisma's 200 KB runtime.
 */
const REQUIRED = ["better-sqlite3", "@prisma/client/runtime/client"];

/**
 * Prisma compiles each query with a WebAssembly module. Its speed-optimized build (3.3 MB) pays off in the web server
 * and the worker, which run for hours; a CLI command ends after a few queries, and the size-optimized build (1.6 MB,
 * the generator's `compilerBuild = "small"`) compiles, starts and answers them sooner (`cli plan`: ~30 ms of CPU).
 */
const COMPILER_BUILD = { cli: "small", worker: "fast" };

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

/** A CommonJS package (REQUIRED), loaded by require(). */
const requireCommonJs = {
  name: "require-commonjs",
  setup(build) {
    build.onResolve({ filter: /./ }, (args) =>
      args.kind === "import-statement" && REQUIRED.includes(args.path)
        ? { path: args.path, namespace: "require-commonjs" }
        : undefined,
    );
    build.onLoad({ filter: /./, namespace: "require-commonjs" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
  },
};

/**
 * The generated client in the CLI's or the worker's compiler build (COMPILER_BUILD). The generator writes the build's
 * name into three imports of internal/class.ts; anything else there means Prisma changed how it names them, and the
 * build stops rather than guess.
 */
function withCompilerBuild(file, source, build) {
  if (!/[\\/]generated[\\/]prisma(-postgres)?[\\/]internal[\\/]class\.ts$/.test(file)) return source;
  const names = source.match(/query_compiler_\w+?_bg/g) ?? [];
  if (names.length !== 3 || names.some((n) => n !== "query_compiler_fast_bg"))
    throw new Error(`${file}: expected three imports of query_compiler_fast_bg, found ${names.join(", ") || "none"}`);
  return source.replaceAll("query_compiler_fast_bg", `query_compiler_${build}_bg`);
}

/**
 * Prisma ships its query compiler as a JavaScript module holding the WebAssembly in base64 (2.2–4.4 MB of source for
 * Node to read and parse at every start). The bundle reads the binary instead, from dist/<name>.<module>.wasm,
 * decoded here from the module as installed; both files are stamped in the inputs list.
 */
function compilerBinary(name, files) {
  return {
    name: "compiler-binary",
    setup(build) {
      build.onResolve({ filter: /^@prisma\/client\/runtime\/query_compiler_\w+\.\w+\.wasm-base64\.mjs$/ }, (args) => ({
        path: args.path,
        namespace: "compiler-binary",
      }));
      build.onLoad({ filter: /./, namespace: "compiler-binary" }, async (args) => {
        const source = fileURLToPath(import.meta.resolve(args.path));
        const { wasm } = await import(source);
        const binary = `${name}.${path.basename(source, ".wasm-base64.mjs")}.wasm`;
        writeWhole(out(binary), Buffer.from(wasm, "base64"));
        files.push(path.relative(root, source), path.relative(root, out(binary)));
        // The generated client decodes what it gets from base64, as it would the module's export.
        return {
          contents: `import fs from "node:fs";\nexport const wasm = fs.readFileSync(new URL(${JSON.stringify(`./${binary}`)}, import.meta.url)).toString("base64");`,
          loader: "js",
          resolveDir: root,
        };
      });
    },
  };
}

/** A file written whole (a temporary file renamed): a process starting meanwhile sees the old one or the new one. */
function writeWhole(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/**
 * Our TypeScript as the bundle needs it. `import.meta.dirname` names the source file's folder, not the bundle's:
 * modules that find files next to them (the migrations beside lib/) keep finding them.
 */
function sources(name) {
  return {
    name: "sources",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = fs.readFileSync(args.path, "utf8");
        const dir = path.relative(root, path.dirname(args.path));
        const contents = withCompilerBuild(args.path, source, COMPILER_BUILD[name]).replaceAll(
          "import.meta.dirname",
          `__sourceDir(${JSON.stringify(dir)})`,
        );
        return contents === source ? undefined : { contents, loader: "ts" };
      });
    },
  };
}

/** Builds dist/<name>.mjs (and the files it reads beside it), then its inputs list; each written whole, so a process
 *  starting meanwhile sees the old set or the new one — two processes rebuilding at once write the same bytes. */
export async function bundle(name) {
  // Loaded here, not at the top: scripts/run.mjs imports this file for its staleness check at every start.
  const esbuild = await import("esbuild");
  const started = Date.now();
  const beside = [];
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [ENTRIES[name]],
    outfile: out(`${name}.mjs`),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: EXTERNAL,
    tsconfig: "tsconfig.json",
    banner: {
      js: [
        `import { join as __join } from "node:path";`,
        `import { createRequire as __createRequire } from "node:module";`,
        `const require = __createRequire(import.meta.url);`,
        `const __sourceDir = (dir) => __join(import.meta.dirname, "..", dir);`,
      ].join("\n"),
    },
    plugins: [sources(name), requireCommonJs, compilerBinary(name, beside)],
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  // A file saved while the build read it may be in the bundle as it was before: recorded so the next start rebuilds.
  const files = Object.keys(result.metafile.inputs).filter((f) => !/^[\w-]+:/.test(f)); // not the virtual modules
  const inputs = Object.fromEntries(
    [...files, "scripts/bundle.mjs", "tsconfig.json", ...beside].map((f) => {
      const now = stamp(f);
      return [f, !f.startsWith("dist/") && Number(now.split(":")[1]) >= started ? "changed while bundling" : now];
    }),
  );
  writeWhole(out(`${name}.mjs`), result.outputFiles[0].contents);
  writeWhole(out(`${name}.inputs.json`), `${JSON.stringify(inputs, null, 1)}\n`);
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
