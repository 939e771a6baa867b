// npm run -s mutants [-- name…] — the rules a user relies on each have a unit test that a one-line change of the rule
// turns red (README, Development). Each mutant below is such a change, made once before: every unit test stayed
// green. This script applies each in turn, runs the unit tests named beside it, and expects them to fail; then puts
// the line back. It reports a mutant that survived, and one that no longer applies because the code moved on (edit
// the list). Not part of npm test: it runs Vitest once per mutant (minutes).
import { spawnSync } from "node:child_process";
import fs from "node:fs";

export const MUTANTS = [
  {
    name: "store-delete-unscoped",
    why: "a partition's write deletes the tickets its input dropped from every partition, not only its own",
    file: "lib/pipeline/store.ts",
    from: `DELETE FROM "\${table}" WHERE "partitionKey" = ? AND "ticketId" = ?\``,
    to: `DELETE FROM "\${table}" WHERE ("partitionKey" = ? OR 1) AND "ticketId" = ?\``,
    tests: ["lib/pipeline/store.test.ts"],
  },
  {
    name: "store-delete-unscoped-postgres",
    why: "the same on PostgreSQL",
    file: "lib/pipeline/store.ts",
    from: `WHERE "partitionKey" = ? AND "ticketId" = ANY(?::text[])`,
    to: `WHERE ("partitionKey" = ? OR TRUE) AND "ticketId" = ANY(?::text[])`,
    tests: ["lib/pipeline/store.postgres.test.ts"],
  },
  {
    name: "blocking-check-does-not-stop",
    why: "a blocking check failure no longer stops the downstream steps",
    file: "lib/engine/execute-run.ts",
    from: `checksFailed += checks.filter((c) => !c.passed && c.severity === "blocking").length;\n          break steps;`,
    to: `checksFailed += checks.filter((c) => !c.passed && c.severity === "blocking").length;\n          break;`,
    tests: ["lib/engine/execute-run.test.ts"],
  },
  {
    name: "write-ignores-lease-status",
    why: "the partition write does not re-check that the lease's run is still running (SQLite)",
    file: "lib/engine/lease.ts",
    from: `| undefined;\n  if (!found || found.status !== "running" || found.workerId !== lease.workerId)`,
    to: `| undefined;\n  if (!found || found.workerId !== lease.workerId)`,
    tests: ["lib/pipeline/store.test.ts"],
  },
  {
    name: "write-ignores-lease-status-postgres",
    why: "the same in PostgreSQL's write fence",
    file: "lib/engine/lease.ts",
    from: `[lease.runId],\n  );\n  if (!found || found.status !== "running" || found.workerId !== lease.workerId)`,
    to: `[lease.runId],\n  );\n  if (!found || found.workerId !== lease.workerId)`,
    tests: ["lib/pipeline/store.postgres.test.ts"],
  },
  {
    name: "empty-input-backfill-only",
    why: "the empty-input refusal applies to backfill only: a rerun, retry or replay of a 0-input day is planned",
    file: "lib/domain/plan.ts",
    from: `facts.expectedInputCount === 0 && action !== "restore" && !request.attestation`,
    to: `facts.expectedInputCount === 0 && action === "backfill" && !request.attestation`,
    tests: ["lib/domain/plan.test.ts"],
  },
  {
    name: "missing-selects-stale",
    why: "reprocess mode missing also selects stale partitions",
    file: "lib/domain/plan.ts",
    from: `missing: (f) => partitionStatusOf(f) === "missing",`,
    to: `missing: (f) => ["missing", "stale"].includes(partitionStatusOf(f)),`,
    tests: ["lib/domain/plan.test.ts"],
  },
  {
    name: "origin-same-site-allowed",
    why: "a write from a sibling site (Sec-Fetch-Site: same-site) passes the origin test",
    file: "lib/http/origin.ts",
    from: `if (site && site !== "same-origin" && site !== "none") return true;`,
    to: `if (site === "cross-site") return true;`,
    tests: ["lib/http/boundary.test.ts"],
  },
  {
    name: "origin-host-ignored",
    why: "an Origin naming another host passes the origin test",
    file: "lib/http/origin.ts",
    from: `return new URL(origin).host !== host;`,
    to: `return !new URL(origin).host;`,
    tests: ["lib/http/boundary.test.ts"],
  },
  {
    name: "body-limit-raised",
    why: "the 16 KB body limit becomes 64 KB",
    file: "lib/http/limits.ts",
    from: `export const MAX_BODY_BYTES = 16 * 1024;`,
    to: `export const MAX_BODY_BYTES = 64 * 1024;`,
    tests: ["lib/http/boundary.test.ts"],
  },
  {
    name: "body-limit-streamed",
    why: "a body that does not declare its length is read whole before the limit is applied",
    file: "lib/http/boundary.ts",
    from: `    if (size > max) {\n      await reader.cancel();`,
    to: `    if (size > max * 1024) {\n      await reader.cancel();`,
    tests: ["lib/http/boundary.test.ts"],
  },
  {
    name: "session-version-ignored",
    why: "a cookie from before the last sign-out, password change or disable still counts",
    file: "lib/auth/session.ts",
    from: `return user && user.sessionVersion === session.v ? user : null;`,
    to: `return user ?? null;`,
    tests: ["lib/http/boundary.test.ts"],
  },
  {
    name: "evidence-mac-unchecked",
    why: "evidence whose stored MAC is not the HMAC of its document counts as intact",
    file: "lib/pipeline/evidence.ts",
    from: `if (mac.length !== stored.length || !crypto.timingSafeEqual(mac, stored))`,
    to: `if (mac.length !== stored.length)`,
    tests: ["lib/pipeline/evidence.test.ts"],
  },
];

function vitest(files) {
  const r = spawnSync("npx", ["vitest", "run", "--reporter=dot", ...files], { encoding: "utf8" });
  return { passed: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

function occurrences(text, part) {
  return text.split(part).length - 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.slice(2);
  const chosen = only.length ? MUTANTS.filter((m) => only.includes(m.name)) : MUTANTS;
  if (chosen.length !== (only.length || MUTANTS.length)) {
    console.error(`unknown mutant; known: ${MUTANTS.map((m) => m.name).join(", ")}`);
    process.exit(2);
  }
  // A file being mutated is put back however this script ends.
  let restore = null;
  const putBack = () => restore?.();
  process.on("exit", putBack);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

  const problems = [];
  for (const m of chosen) {
    const original = fs.readFileSync(m.file, "utf8");
    if (occurrences(original, m.from) !== 1) {
      problems.push(`${m.name}: the line is not in ${m.file} exactly once any more — update scripts/mutants.mjs`);
      continue;
    }
  }
  const tests = [...new Set(chosen.flatMap((m) => m.tests))];
  const baseline = vitest(tests);
  if (!baseline.passed) {
    console.error(`the unit tests fail without any mutant:\n${baseline.output}`);
    process.exit(1);
  }
  for (const m of chosen) {
    const original = fs.readFileSync(m.file, "utf8");
    if (occurrences(original, m.from) !== 1) continue;
    restore = () => fs.writeFileSync(m.file, original);
    fs.writeFileSync(m.file, original.replace(m.from, m.to));
    const { passed } = vitest(m.tests);
    restore();
    restore = null;
    console.log(`${passed ? "SURVIVED" : "killed  "}  ${m.name.padEnd(36)} ${m.tests.join(", ")}`);
    if (passed) problems.push(`${m.name} survived: ${m.why} — and ${m.tests.join(", ")} stayed green`);
  }
  if (problems.length) {
    console.error(`\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log(`\nall ${chosen.length} mutants killed`);
}
