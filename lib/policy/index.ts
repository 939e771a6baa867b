// The recovery policy in force: lib/policy/recovery-policy.json (or RECOVERY_POLICY_FILE), validated once.
// A broken policy stops the server at start (instrumentation) and every script, naming the wrong rule.
import fs from "node:fs";
import path from "node:path";
import type { RecoveryPolicy } from "@/contracts/recovery_policy";
import { config } from "@/lib/config";
import { PARTITIONED_ASSETS } from "@/lib/domain/assets";
import { CHECK_NAMES } from "@/lib/domain/checks";
import { validatePolicy } from "@/lib/policy/validate";
import { can, type Actor, type Permission } from "@/lib/domain/roles";

// Resolved from the project root (the server and every script run there): bundled code has no module path.
export const DEFAULT_POLICY_FILE = path.join(process.cwd(), "lib", "policy", "recovery-policy.json");

export class PolicyError extends Error {}

export function policyFile(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.RECOVERY_POLICY_FILE || DEFAULT_POLICY_FILE);
}

export function loadPolicy(file = policyFile()): RecoveryPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
  } catch (e) {
    throw new PolicyError(
      `Invalid recovery policy ${file}:\n  (policy): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const result = validatePolicy(raw, {
    assets: PARTITIONED_ASSETS,
    checks: CHECK_NAMES,
    defaultPartition: config().defaultPartition,
    env: process.env,
  });
  if (!result.ok)
    throw new PolicyError(`Invalid recovery policy ${file}:\n${result.problems.map((p) => `  ${p}`).join("\n")}`);
  return result.policy;
}

let cached: RecoveryPolicy | undefined;

export function policy(): RecoveryPolicy {
  cached ??= loadPolicy();
  return cached;
}

/** The next policy() reads RECOVERY_POLICY_FILE again (a process reads its policy once; tests that swap it call this). */
export function forgetPolicy(): void {
  cached = undefined;
}

/** Whether the actor holds a role the policy grants `permission` to. */
export function allowed(actor: Actor | null, permission: Permission): boolean {
  return can(actor, permission, policy().roles);
}
