// The store's enums (prisma/schema.prisma, TEXT columns) are the domain's lists of the same values. This module
// fails to compile when either side gains or loses a value without the other; `satisfies` keeps every store enum
// paired with its list.
import type * as Store from "@/generated/prisma/enums";
import { AUDIT_OUTCOMES } from "@/lib/domain/audit";
import { BACKFILL_STATUSES, RUN_STATUSES } from "@/lib/domain/backfill";
import { CHECK_SEVERITIES } from "@/lib/domain/checks";
import { DRILL_KINDS, DRILL_STATUSES } from "@/lib/domain/drills";
import { MANIFEST_STATUSES } from "@/lib/domain/manifest";
import { PLAN_KINDS, PLAN_STATUSES } from "@/lib/domain/plan-document";
import { REVIEW_DECISIONS } from "@/lib/domain/review";
import { MATERIALIZATION_STATUSES } from "@/lib/domain/status";
import { DELIVERY_STATUSES } from "@/lib/notify/outbox";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Paired<L extends { [K in keyof typeof Store]: readonly string[] }> = {
  [K in keyof typeof Store]: Same<L[K][number], (typeof Store)[K][keyof (typeof Store)[K]]>;
};

/** Each store enum with the domain list of its values. */
export const STORE_ENUMS = {
  ManifestStatus: MANIFEST_STATUSES,
  RunStatus: RUN_STATUSES,
  BackfillStatus: BACKFILL_STATUSES,
  MaterializationStatus: MATERIALIZATION_STATUSES,
  CheckSeverity: CHECK_SEVERITIES,
  ReviewDecision: REVIEW_DECISIONS,
  DrillKind: DRILL_KINDS,
  DrillStatus: DRILL_STATUSES,
  AuditOutcome: AUDIT_OUTCOMES,
  PlanKind: PLAN_KINDS,
  PlanStatus: PLAN_STATUSES,
  DeliveryStatus: DELIVERY_STATUSES,
} satisfies { [K in keyof typeof Store]: readonly string[] };

/** Every pair holds the same values: a `false` here is a compile error. */
export const storeEnumsMatch: Paired<typeof STORE_ENUMS> = {
  ManifestStatus: true,
  RunStatus: true,
  BackfillStatus: true,
  MaterializationStatus: true,
  CheckSeverity: true,
  ReviewDecision: true,
  DrillKind: true,
  DrillStatus: true,
  AuditOutcome: true,
  PlanKind: true,
  PlanStatus: true,
  DeliveryStatus: true,
};
