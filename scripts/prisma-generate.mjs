// `prisma generate` needs no schema engine to build the Rust-free client, but its preflight insists
// that one exists. Point it at a stub that refuses to run, so nothing is ever downloaded.
// See docs/decisions/001-migrations-without-schema-engine.md.
//
// One model, two providers (docs/decisions/010-postgresql-and-a-job-queue.md): prisma/schema.prisma is the source;
// its PostgreSQL twin is derived here (provider and output swapped, nothing else) and both clients are generated.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const stub = fileURLToPath(new URL("./no-schema-engine.sh", import.meta.url));
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: stub,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

export const POSTGRES_SCHEMA = "generated/postgres/schema.prisma";

/**
 * Enums stay TEXT on PostgreSQL as on SQLite: a native enum type would need its own migrations for every new value
 * and casts in our raw SQL. The twin declares those columns String (the code is typed by the SQLite client, whose
 * fields are the enums).
 */
function plainEnums(source) {
  const names = [...source.matchAll(/^enum (\w+) \{[^}]*\}\n*/gm)].map((m) => m[1]);
  let out = source.replace(/^(\/\/\/[^\n]*\n)*enum \w+ \{[^}]*\}\n*/gm, "");
  for (const name of names) {
    out = out.replace(
      new RegExp(`^(\\s+\\w+\\s+)${name}(\\??)(.*)$`, "gm"),
      (_all, head, optional, rest) => `${head}String${optional}${rest.replace(/@default\((\w+)\)/, '@default("$1")')}`,
    );
  }
  return out;
}

function derivePostgresSchema() {
  const source = plainEnums(fs.readFileSync("prisma/schema.prisma", "utf8"));
  const swapped = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/generated\/prisma"/, 'output   = "../prisma-postgres"');
  if (!swapped.includes('"postgresql"') || !swapped.includes("prisma-postgres"))
    throw new Error(
      "prisma/schema.prisma: cannot derive the PostgreSQL schema (datasource provider or generator output not found)",
    );
  fs.mkdirSync("generated/postgres", { recursive: true });
  fs.writeFileSync(
    POSTGRES_SCHEMA,
    `// Derived from prisma/schema.prisma by scripts/prisma-generate.mjs — do not edit.\n${swapped}`,
  );
}

derivePostgresSchema();
for (const schema of ["prisma/schema.prisma", POSTGRES_SCHEMA]) {
  const result = spawnSync("npx", ["--no-install", "prisma", "generate", "--schema", schema], {
    stdio: "inherit",
    env,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
