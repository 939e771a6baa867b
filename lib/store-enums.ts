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
import type { Same } from "@/lib/same-type";

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

/** The store enums whose values differ from their list: none, or `storeEnumsMatch` names them in a compile error. */
type Mismatched = {
  [K in keyof typeof Store]: Same<
    (typeof STORE_ENUMS)[K][number],
    (typeof Store)[K][keyof (typeof Store)[K]]
  > extends true
    ? never
    : K;
}[keyof typeof Store];

export const storeEnumsMatch: [Mismatched] extends [never] ? true : Mismatched = true;
