// Test helpers: give this test file its own copy of the seeded starting scenario (database, reports, keys).
// Call before the first query; the seed itself is exercised by lib/seed.test.ts.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { config } from "@/lib/config";

export async function useSeededStore(): Promise<void> {
  // A PostgreSQL test file (it started its own server, lib/test-support's seedPostgresStore) seeds it afresh: the
  // same scenario through the same seed, so the same suites run on both stores.
  if (config().store.provider === "postgresql") return seedPostgresStore();
  const base = inject("seededStore");
  const { databaseFile, reportDir } = config();
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  fs.copyFileSync(path.join(base, "seeded.db"), databaseFile);
  for (const suffix of ["-wal", "-shm"]) {
    const file = path.join(base, `seeded.db${suffix}`);
    if (fs.existsSync(file)) fs.copyFileSync(file, `${databaseFile}${suffix}`);
  }
  fs.cpSync(path.join(base, "reports", "week06"), reportDir, { recursive: true });
  // The keys kept beside the database (lib/auth/secret.ts) travel with it: the seed's evidence MACs need its key.
  for (const name of ["session-secret", "evidence-secret"]) {
    const file = path.join(base, name);
    if (fs.existsSync(file)) fs.copyFileSync(file, path.join(path.dirname(databaseFile), name));
  }
}

/**
 * Executes a stored plan and works the queue in this process until its runs are done (tests have no worker). A plan
 * that needs a second person's approval gets it first (from the lead, or the reviewer when the lead planned it),
 * unless `secondApproval` is false.
 */
export async function executeAndDrain(
  planId: string,
  actor: string,
  { confirmWithdraw = true, secondApproval = true }: { confirmWithdraw?: boolean; secondApproval?: boolean } = {},
) {
  const { executePlan } = await import("@/lib/engine/execute-plan");
  const { drainQueue } = await import("@/lib/engine/worker");
  const { approvePlan } = await import("@/lib/pipeline/plan-approval");
  const { getPlan } = await import("@/lib/read-model/plans");
  const { db } = await import("@/lib/db");
  const stored = await getPlan(planId);
  if (
    secondApproval &&
    stored?.plan.approval_required &&
    !(await db.planApproval.findUnique({ where: { planHash: stored.plan.plan_hash } }))
  ) {
    const approved = await approvePlan(
      planId,
      stored.plan.operator === "lead@example.com" ? "reviewer@example.com" : "lead@example.com",
      "test: the second person agrees",
    );
    if (!approved.ok) return { ...approved, drifted: false };
  }
  const done = await executePlan(planId, actor, { confirmWithdraw });
  if (!done.ok) return done;
  await drainQueue();
  const runs = await db.run.findMany({
    where: { backfillId: done.backfillId },
    orderBy: { id: "asc" },
    include: { _count: { select: { checks: { where: { severity: "blocking", passed: false } } } } },
  });
  const summaries = runs.map((r) => ({
    runId: r.id,
    partitionKey: r.partitionKey,
    status: r.status,
    error: r.error,
    checksFailed: r._count.checks,
  }));
  return { ...done, summaries };
}

/** Makes a plan (dry run) and executes it to the end; throws on a refusal. */
export async function planAndExecute(request: Record<string, string>, actor = "operator@example.com") {
  const { createPlan } = await import("@/lib/pipeline/plans");
  const made = await createPlan(request, actor);
  if (!made.ok) throw new Error(made.message);
  const done = await executeAndDrain(made.plan.plan_id, actor);
  if (!done.ok) throw new Error(done.message);
  return { plan: made.plan, ...done };
}

/** A real worker process (`npm run worker`: compiled, scripts/run.mjs) on this test file's store; its output is kept
 *  for failure messages. */
export function spawnWorker(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["scripts/run.mjs", "worker"], {
    env: { ...process.env, WORKER_LEASE_MS: "1500", WORKER_POLL_MS: "50", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

/** Polls `probe` until it returns a truthy value; fails after `timeoutMs` (a ceiling for a busy machine) with `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 180_000,
  everyMs = 50,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A PostgreSQL test file's store (the server started in its vi.hoisted block): migrated and seeded. */
export async function seedPostgresStore(): Promise<void> {
  const { migrateStore } = await import("@/lib/migrate-store");
  const { seedScenario } = await import("@/lib/seed");
  await migrateStore();
  await seedScenario();
}

/** Closes this process's connections to the test file's PostgreSQL server, then stops and deletes it. */
export async function stopPostgresStore(server: Promise<{ stop(): void }>): Promise<void> {
  const { closeStore } = await import("@/lib/close-store");
  await closeStore();
  (await server).stop();
}
