// Validating a recovery policy beyond its shape (its zod contract): every rule must name things that exist. Pure.
import { recoveryPolicySchema, type RecoveryPolicy } from "@/contracts/recovery_policy";

export interface PolicyContext {
  assets: readonly string[];
  checks: readonly string[];
  defaultPartition: string;
  /** The environment webhook secrets are read from; when given, each named secret must be set. */
  env?: Record<string, string | undefined>;
}

export type PolicyResult = { ok: true; policy: RecoveryPolicy } | { ok: false; problems: string[] };

function rule(path: PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
      "",
    ) || "(policy)"
  );
}

export function validatePolicy(raw: unknown, ctx: PolicyContext): PolicyResult {
  const parsed = recoveryPolicySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${rule(i.path)}: ${i.message}`) };
  const policy = parsed.data;
  const problems: string[] = [];
  if (policy.policy_version !== 1)
    problems.push(`policy_version: ${policy.policy_version} is not supported (expected 1)`);
  for (const asset of Object.keys(policy.assets))
    if (!ctx.assets.includes(asset))
      problems.push(`assets["${asset}"]: no such asset (known: ${ctx.assets.join(", ")})`);
  for (const asset of ctx.assets)
    if (!(asset in policy.assets)) problems.push(`assets["${asset}"]: missing; say which recovery actions it allows`);
  for (const [action, checks] of Object.entries(policy.required_checks)) {
    for (const [i, check] of checks.entries())
      if (!ctx.checks.includes(check)) problems.push(`required_checks.${action}[${i}]: no check named "${check}"`);
  }
  if (policy.default_partition !== ctx.defaultPartition) {
    problems.push(
      `default_partition: ${policy.default_partition} differs from WEEK06_DEFAULT_PARTITION (${ctx.defaultPartition})`,
    );
  }
  if (policy.roles.review.some((r) => r === "viewer")) problems.push("roles.review: a viewer may not review");
  if (policy.roles.approve_plan.some((r) => r === "viewer"))
    problems.push("roles.approve_plan: a viewer may not approve plans");
  // Whoever administers accounts can mint anyone's token: given to operators, separation of duties would be gone.
  for (const role of policy.roles.administer_users.filter((r) => r !== "admin"))
    problems.push(`roles.administer_users: only admin may administer users (not ${role})`);
  const names = new Set<string>();
  for (const [i, hook] of policy.notifications.webhooks.entries()) {
    if (names.has(hook.name)) problems.push(`notifications.webhooks[${i}].name: ${hook.name} is used twice`);
    names.add(hook.name);
    if (ctx.env && !ctx.env[hook.secret_env])
      problems.push(
        `notifications.webhooks[${i}].secret_env: ${hook.secret_env} is not set (the signing secret of webhook ${hook.name})`,
      );
  }
  return problems.length ? { ok: false, problems } : { ok: true, policy };
}
