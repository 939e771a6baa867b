// The recovery strategy, generated from the policy and the store — never written by hand, so it cannot lag.
import path from "node:path";
import { config } from "@/lib/config";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { PARTITIONED_ASSETS } from "@/lib/domain/assets";
import type { Locale } from "@/lib/i18n/locales";
import { render, semicolonList, text } from "@/lib/i18n/text";
import { RECOVERY_ACTIONS, fittingAction, partitionStatusOf, type RecoveryAction } from "@/lib/domain/recovery";
import { gapReason, isGap, type GapReason, type PartitionStatus } from "@/lib/domain/status";
import { displayPath, planFile } from "@/lib/files";
import { policy } from "@/lib/policy";
import { partitionFacts } from "@/lib/read-model/partition-facts";

export const GAPS_SHOWN = 100;

export interface Strategy {
  defaultPartition: string;
  backfillAssets: string[];
  /** Each in every language (the policy's author writes both). */
  neverDelete: { object: Record<Locale, string>; why: Record<Locale, string> }[];
  dryRunReportPath: string;
  requiredAfterBackfill: string[];
  actions: { action: RecoveryAction; assets: string[]; requiredChecks: string[] }[];
  /** The first GAPS_SHOWN gaps (the page); `gapCount` counts them all. */
  gaps: { partitionKey: string; status: PartitionStatus; gapReason: GapReason | null; action: RecoveryAction | null }[];
  gapCount: number;
  selfCheck: {
    partitions: number;
    assets: number;
    latestPlanId: string | null;
    drills: number;
    mainTableRows: { raw: number; silver: number };
    recoveryRuns: number;
    withChecks: number;
    withEvidence: number;
    approved: number;
  };
  policyVersion: number;
  policyFile: string;
}

export async function strategy(): Promise<Strategy> {
  const p = policy();
  const { partitions, defaultPartition } = config();
  const [facts, latestPlan, drills, raw, silver, runs] = await Promise.all([
    partitionFacts(partitions.start, partitions.end),
    db.plan.findFirst({ orderBy: { createdAt: "desc" }, select: { id: true } }),
    db.drill.count(),
    db.rawTicketEvent.count(),
    db.silverTicketFact.count(),
    // One aggregate over the runs, not their rows: a store of years has tens of thousands.
    db.$queryRaw<
      {
        runs: bigint | number;
        withChecks: bigint | number | null;
        withEvidence: bigint | number | null;
        approved: bigint | number | null;
      }[]
    >`
      SELECT COUNT(*) AS runs,
             SUM(CASE WHEN EXISTS (SELECT 1 FROM "CheckResult" c WHERE c."runId" = r."id") THEN 1 ELSE 0 END) AS "withChecks",
             SUM(CASE WHEN EXISTS (SELECT 1 FROM "Evidence" e WHERE e."runId" = r."id") THEN 1 ELSE 0 END) AS "withEvidence",
             SUM(CASE WHEN EXISTS (SELECT 1 FROM "Evidence" e JOIN "Review" v ON v."evidenceId" = e."id" WHERE e."runId" = r."id" AND v."decision" = 'approved') THEN 1 ELSE 0 END) AS approved
      FROM "Run" r WHERE r."status" = 'succeeded' AND r."action" IN (${Prisma.join([...RECOVERY_ACTIONS])})`,
  ]);
  const [agg] = runs;
  const gaps = facts.filter((f) => isGap(partitionStatusOf(f)));
  return {
    defaultPartition,
    backfillAssets: PARTITIONED_ASSETS.filter((a) => p.assets[a]?.backfill),
    neverDelete: p.never_delete,
    dryRunReportPath: displayPath(planFile("backfill", defaultPartition)),
    requiredAfterBackfill: p.required_checks.backfill,
    actions: RECOVERY_ACTIONS.map((action) => ({
      action,
      assets: PARTITIONED_ASSETS.filter((a) => p.assets[a]?.[action]),
      requiredChecks: p.required_checks[action],
    })),
    gaps: gaps.slice(0, GAPS_SHOWN).map((f) => ({
      partitionKey: f.partitionKey,
      status: partitionStatusOf(f),
      gapReason: f.assets.find((a) => a.status === partitionStatusOf(f))?.gap_reason ?? gapReason(partitionStatusOf(f)),
      action: fittingAction(f, p),
    })),
    gapCount: gaps.length,
    selfCheck: {
      partitions: facts.length,
      assets: PARTITIONED_ASSETS.length,
      latestPlanId: latestPlan?.id ?? null,
      drills,
      mainTableRows: { raw, silver },
      recoveryRuns: Number(agg?.runs ?? 0),
      withChecks: Number(agg?.withChecks ?? 0),
      withEvidence: Number(agg?.withEvidence ?? 0),
      approved: Number(agg?.approved ?? 0),
    },
    policyVersion: p.policy_version,
    policyFile: path.relative(process.cwd(), "lib/policy/recovery-policy.json"),
  };
}

/** The lesson's shape: five headline lines (the lesson's own words in Chinese), then the actions and the live gaps. */
export function strategyMarkdown(s: Strategy, locale: Locale): string {
  const h = (key: Parameters<typeof docKey>[0], values?: Record<string, string | number>) =>
    render(text(docKey(key), values), locale);
  const guide = (action: RecoveryAction, part: "when" | "boundary") =>
    render(text(`actionGuide.${action}.${part}`), locale);
  const lines = [
    h("title"),
    `- ${h("defaultPartition")}: ${s.defaultPartition}`,
    `- ${h("backfillAssets")}: ${s.backfillAssets.join(", ")}`,
    `- ${h("neverDelete")}: ${render(semicolonList(s.neverDelete.map((o) => o.object[locale])), locale)}`,
    `- ${h("reportPath")}: ${s.dryRunReportPath}`,
    `- ${h("checks")}: ${s.requiredAfterBackfill.join(", ")}`,
    "",
    h("actions"),
    "",
    h("tableHead"),
    "| --- | --- | --- | --- |",
    ...s.actions.map(
      (a) => `| ${a.action} | ${guide(a.action, "when")} | ${guide(a.action, "boundary")} | ${a.assets.join(", ")} |`,
    ),
    "",
    h("gaps"),
    "",
    ...(s.gaps.length
      ? s.gaps.map((g) => `- ${g.partitionKey}: ${g.status} (${g.gapReason}) → ${g.action ?? h("none")}`)
      : [`- ${h("none")}`]),
    ...(s.gapCount > s.gaps.length ? [`- ${h("more", { count: s.gapCount - s.gaps.length })}`] : []),
    "",
    h("generated", { file: s.policyFile, version: s.policyVersion }),
    "",
  ];
  return lines.join("\n");
}

function docKey(
  key:
    | "title"
    | "defaultPartition"
    | "backfillAssets"
    | "neverDelete"
    | "reportPath"
    | "checks"
    | "actions"
    | "tableHead"
    | "gaps"
    | "none"
    | "more"
    | "generated",
) {
  return `strategyDoc.${key}` as const;
}
