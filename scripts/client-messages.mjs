// Which catalog namespaces each page ships to the browser — derived from the code, never listed by hand. A client
// component reads its messages with `useTranslations("namespace")`; next-intl's provider serializes whatever it is
// given into every page's HTML, so a provider with the whole catalog (the CLI's help, every page's texts) made
// /login 68 KiB. This scan follows the imports from each of Next.js's route files (page, layout, not-found, …)
// through server modules to the client components they render, and on through those components' own imports
// (what the browser loads), collecting the namespaces their `useTranslations` calls name. A route file whose
// client components need messages wraps itself in a provider of exactly those (components/client-messages.tsx).
//
// next.config.mjs runs it at every `next build` and `next dev` (and scripts/prepare.mjs for a fresh clone), writing
// generated/client-messages.json, so a client component added anywhere gets its messages in the next build.
// The scan fails (and with it the build) when a namespace is not written as a string or a route file does not
// provide the messages its client components read; scripts/client-messages.test.ts holds it to that, and
// e2e/messages.spec.ts checks what a built page really ships.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** Next.js's route files: each renders its own subtree, so each gets its own provider when it needs one. */
const ROUTE_FILES =
  /^(page|layout|template|not-found|error|global-error|loading|default|forbidden|unauthorized)\.(tsx|ts|jsx|js)$/;
const EXTENSIONS = [".tsx", ".ts", ".mjs", ".js", ".json"];

/** `import x from "…"`, `import "…"`, `export … from "…"`, `import("…")` — the runtime imports of a module. */
const IMPORT =
  /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;
const TRANSLATIONS = /\buseTranslations\s*\(\s*([^)]*?)\s*\)/g;
const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use (client|server)["']/;

/** A route file's id: its path without the extension (`app/evidence/[runId]/page`). */
export function entryId(file) {
  return file.replace(/\.(tsx|ts|jsx|js)$/, "");
}

function resolve(from, specifier, dir) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(dir, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.join(dir, path.dirname(from), specifier);
  else return null; // an npm package: not ours to scan
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  return found ? path.relative(dir, found).split(path.sep).join("/") : null;
}

/**
 * Scans the tree at `dir` (the repository by default). Returns, for each route file whose subtree renders client
 * components that read messages, the namespaces to ship (sorted, a namespace that contains another replacing it),
 * and the problems: a namespace not written as a string (or none: the whole catalog), `useMessages`, a route file
 * that does not provide the messages its client components read.
 */
export function scanClientMessages(dir = root) {
  const modules = new Map();
  const read = (file) => {
    let m = modules.get(file);
    if (m) return m;
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    const directive = DIRECTIVE.exec(source)?.[1] ?? null;
    const imports = [];
    for (const match of source.matchAll(IMPORT)) {
      if (match[2]) continue; // `import type …`: nothing at run time
      const target = resolve(file, match[3] ?? match[4], dir);
      if (target) imports.push(target);
    }
    const namespaces = [];
    const problems = [];
    for (const match of source.matchAll(TRANSLATIONS)) {
      const arg = match[1];
      const literal = /^(["'`])([\w.-]+)\1$/.exec(arg);
      if (literal) namespaces.push(literal[2]);
      else
        problems.push(
          `${file}: useTranslations(${arg}) — name the namespace as a string literal so the pages that render it ship its messages`,
        );
    }
    if (/\buseMessages\s*\(/.test(source))
      problems.push(`${file}: useMessages() reads whichever messages its page ships; read them with useTranslations`);
    m = { file, directive, imports, namespaces, problems };
    modules.set(file, m);
    return m;
  };

  const problems = new Set();
  // The namespaces a module needs once it is in the browser: its own and those of everything it imports, except
  // server actions ("use server": the browser gets a reference, not the module).
  const inBrowser = perModule((file, namespaces) => {
    const m = read(file);
    m.problems.forEach((p) => problems.add(p));
    m.namespaces.forEach((n) => namespaces.add(n));
    for (const target of m.imports) {
      if (read(target).directive === "server" || target.endsWith(".json")) continue;
      for (const n of inBrowser(target)) namespaces.add(n);
    }
  });
  // From a server module: the client modules it renders, directly or through other server modules.
  const fromServer = perModule((file, namespaces) => {
    for (const target of read(file).imports) {
      const t = read(target);
      if (t.directive === "client") for (const n of inBrowser(target)) namespaces.add(n);
      else if (t.directive !== "server" && !target.endsWith(".json"))
        for (const n of fromServer(target)) namespaces.add(n);
    }
  });

  const entries = {};
  const routeFiles = [];
  const walk = (rel) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = `${rel}/${d.name}`;
      if (d.isDirectory()) walk(child);
      else if (ROUTE_FILES.test(d.name)) routeFiles.push(child);
    }
  };
  walk("app");
  for (const file of routeFiles.sort()) {
    const m = read(file);
    // A client route file (error.tsx must be one) renders inside its segment's layout, whose provider is its own.
    const namespaces = m.directive === "client" ? inBrowser(file) : fromServer(file);
    const target = m.directive === "client" ? nearestLayout(file, routeFiles) : file;
    if (namespaces.size === 0 || target === null) continue;
    const id = entryId(target);
    entries[id] = normalize([...(entries[id] ?? []), ...namespaces]);
  }
  for (const [id, namespaces] of Object.entries(entries)) {
    const file = routeFiles.find((f) => entryId(f) === id);
    if (!provides(fs.readFileSync(path.join(dir, file), "utf8"), id))
      problems.add(
        `${file} renders client components that read ${namespaces.join(", ")} but does not ship them: ` +
          `export default withClientMessages("${id}", …), or wrap them in <ClientMessages file="${id}"> (components/client-messages.tsx)`,
      );
  }
  return { entries, problems: [...problems].sort() };
}

/** `collect(file, set)` once per module, its set shared by every importer (an import cycle sees it as it fills). */
function perModule(collect) {
  const done = new Map();
  return (file) => {
    let namespaces = done.get(file);
    if (!namespaces) {
      namespaces = new Set();
      done.set(file, namespaces);
      collect(file, namespaces);
    }
    return namespaces;
  };
}

/** Whether a route file's source wraps what it renders in its own provider. */
function provides(source, id) {
  const quoted = `["'\`]${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'\`]`;
  return new RegExp(`withClientMessages\\(\\s*${quoted}|<ClientMessages\\s+file=${quoted}`).test(source);
}

function nearestLayout(file, routeFiles) {
  for (let d = path.posix.dirname(file); d.startsWith("app"); d = path.posix.dirname(d)) {
    const layout = routeFiles.find((f) => path.posix.dirname(f) === d && /^layout\./.test(path.posix.basename(f)));
    if (layout && layout !== file) return layout;
  }
  return null;
}

/** Sorted, without duplicates, a namespace inside another one dropped (`backfillStatus.label` in `backfillStatus`). */
export function normalize(namespaces) {
  const unique = [...new Set(namespaces)].sort();
  return unique.filter((n) => !unique.some((o) => o !== n && n.startsWith(`${o}.`)));
}

/** Writes generated/client-messages.json (when its content changed); throws on the scan's problems. */
export function writeClientMessages(dir = root) {
  const { entries, problems } = scanClientMessages(dir);
  if (problems.length) throw new Error(`client messages cannot be derived:\n  ${problems.join("\n  ")}`);
  const file = path.join(dir, "generated", "client-messages.json");
  const json = `${JSON.stringify(entries, null, 1)}\n`;
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === json) return entries;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, json);
  fs.renameSync(temporary, file);
  return entries;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(writeClientMessages(), null, 1));
