// When a plan's second approval (four eyes on rewriting released partitions, policy blast_radius) also covers the
// re-execution of the failed or cancelled partitions of the backfill that executed it. Pure: the pipeline decides
// with it (lib/pipeline/plan-approval.ts), and the server enforces it when a plan executes.
import type { BackfillPlan, PlannedPartition } from "@/lib/domain/plan-document";
import { text, type Text } from "@/lib/i18n/text";

/**
 * Null when the second approval of `approved` (the plan a backfill executed, approved by `approver`) carries over to
 * `reexecution` (the plan that re-executes that backfill's failed or cancelled partitions); otherwise why not. It
 * carries over when the re-execution asks nothing the approver did not already agree to:
 *
 * 1. the approver is not the re-execution's planner (four eyes hold for this plan too);
 * 2. the same recovery action;
 * 3. every partition it includes, the approved plan included, and for each of them:
 * 4. it rebuilds no asset the approved plan did not rebuild there;
 * 5. it withdraws from consumers no asset that was not released when the approved plan was made (a partition
 *    built and released since then is new data at stake);
 * 6. it reads the same input: the same expected input count, and no manifest (by id and sha256) the approved plan
 *    did not read — a new or changed delivery is new data.
 *
 * Anything else is drift that matters: the re-execution needs its own approval. What does not matter keeps the
 * approval: partitions that finished meanwhile drop out (a subset is fine), run order and priority may differ.
 * The re-execution plan itself is drift-checked against the store when it executes, like every plan.
 */
export function approvalCarriesOver(reexecution: BackfillPlan, approved: BackfillPlan, approver: string): Text | null {
  const planId = approved.plan_id;
  if (approver === reexecution.operator) return text("planApproval.carry.ownPlan", { approver, planId });
  if (reexecution.recovery_action !== approved.recovery_action)
    return text("planApproval.carry.action", {
      planId,
      action: reexecution.recovery_action,
      approvedAction: approved.recovery_action,
    });
  const before = new Map<string, PlannedPartition>(
    approved.partitions.filter((p) => p.included).map((p) => [p.partition_key, p]),
  );
  for (const p of reexecution.partitions.filter((r) => r.included)) {
    const then = before.get(p.partition_key);
    if (!then) return text("planApproval.carry.partition", { planId, key: p.partition_key });
    const asset = p.target_assets.find((a) => !then.target_assets.includes(a));
    if (asset) return text("planApproval.carry.asset", { planId, key: p.partition_key, asset });
    const released = p.released_assets.find((a) => !then.released_assets.includes(a));
    if (released) return text("planApproval.carry.released", { planId, key: p.partition_key, asset: released });
    if (p.expected_input_count !== then.expected_input_count)
      return text("planApproval.carry.input", {
        planId,
        key: p.partition_key,
        before: then.expected_input_count,
        now: p.expected_input_count,
      });
  }
  const read = new Set(approved.upstream_manifests.map((m) => `${m.manifest_id} ${m.sha256}`));
  const manifest = reexecution.upstream_manifests.find((m) => !read.has(`${m.manifest_id} ${m.sha256}`));
  if (manifest) return text("planApproval.carry.manifest", { planId, manifestId: manifest.manifest_id });
  return null;
}
