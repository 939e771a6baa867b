// The store's JSON text columns, parsed in one place: each column's shape is checked as it is read, so a row that
// does not hold what the code expects fails here, naming the column, instead of as an undefined somewhere later.
import { z } from "zod";
import { storedPlanSchema } from "@/contracts/backfill_plan";
import type { BackfillPlan } from "@/lib/domain/plan-document";
import type { TicketEvent } from "@/contracts/manifest";
import { runEvidenceSchema, type RunEvidence } from "@/contracts/run_evidence";
import type { RowDiff } from "@/lib/domain/diff";
import type { RecordedText, RecordedValue } from "@/lib/i18n/text";

function column<T>(name: string, schema: z.ZodType<T>) {
  return (json: string): T => {
    const parsed = schema.safeParse(JSON.parse(json));
    if (!parsed.success)
      throw new Error(
        `the store's ${name} column does not hold what it should: ${parsed.error.issues[0]?.message ?? "?"}`,
      );
    return parsed.data;
  };
}

const names = z.array(z.string());
const record = z.record(z.string(), z.unknown());

/** A catalog message as recorded (lib/i18n/text.ts): its key, and values that are text, numbers, quotes or messages. */
export const recordedText: z.ZodType<RecordedText> = z
  .object({
    key: z.string(),
    values: z
      .record(
        z.string(),
        z.lazy((): z.ZodType<RecordedValue> => recordedValue),
      )
      .optional(),
  })
  .strict();
/** What a message may be recorded as: a message, or a plain value said the same in every language. */
export const recordedValue: z.ZodType<RecordedValue> = z.union([
  z.string(),
  z.number(),
  z.object({ quote: z.string() }).strict(),
  recordedText,
]);

/** A nullable column of recorded messages: null on rows written before the store recorded them. */
function recorded<T>(name: string, schema: z.ZodType<T>) {
  const decode = column(name, schema);
  return (json: string | null): T | null => (json === null ? null : decode(json));
}

/** Run.targetAssets: the assets a run builds, in build order. */
export const targetAssets = column("Run.targetAssets", names);
/** Materialization.manifestIds: the manifests a build read. */
export const manifestIds = column("Materialization.manifestIds", names);
/** User.roles. */
export const userRoles = column("User.roles", names);
/** Snapshot.rows: the rows a write replaced. */
export const snapshotRows = column("Snapshot.rows", z.array(record));
/** Materialization.diff: what a write changed against its snapshot (lib/domain/diff.ts). */
export const rowDiff = column<RowDiff>(
  "Materialization.diff",
  z.object({
    added: z.number(),
    removed: z.number(),
    changed: z.number(),
    unchanged: z.number(),
    fields_changed: z.record(z.string(), z.number()),
    entries: z.array(
      z.object({
        ticket_id: z.string(),
        change: z.enum(["added", "removed", "changed"]),
        fields: z.record(z.string(), z.tuple([z.string().nullable(), z.string().nullable()])),
      }),
    ),
    truncated: z.boolean(),
  }),
);
/** Manifest.errors: each problem of a rejected manifest (its message also as a catalog message, since 2026-12). */
export const manifestProblems = column(
  "Manifest.errors",
  z.array(z.object({ field: z.string(), message: z.string(), text: recordedValue.optional() })),
);
/**
 * Drill.detail and AuditEvent.detail: free-form facts of one drill or event; those recorded as messages also under
 * `texts`, by name (lib/i18n/text.ts withTexts).
 */
const facts = z.looseObject({
  texts: z.record(z.string(), z.union([recordedValue, z.array(recordedText)])).optional(),
});
export type RecordedFacts = z.infer<typeof facts>;
export const drillDetail = column("Drill.detail", facts);
export const auditDetail = column("AuditEvent.detail", facts);

/** Run.errorText, Materialization.errorText, WebhookDelivery.lastErrorText: why it failed or was cancelled. */
export const runErrorText = recorded("Run.errorText", recordedValue);
export const stepErrorText = recorded("Materialization.errorText", recordedValue);
export const deliveryErrorText = recorded("WebhookDelivery.lastErrorText", recordedValue);
/** CheckResult.texts: what a check observed and expected, and what it says about it. */
export const checkTexts = recorded(
  "CheckResult.texts",
  z.object({ observed: recordedValue, expected: recordedValue, message: recordedValue }).strict(),
);
/** Plan.texts: the plan document's prose, each part as a message (the document keeps its English, hashed). */
export const planTexts = recorded(
  "Plan.texts",
  z
    .object({
      summary: recordedValue,
      why: recordedValue,
      approval: recordedValue.nullable(),
      impact: recordedValue,
      guidance: z.array(recordedValue),
      reasons: z.array(recordedValue),
    })
    .strict(),
);

/** Plan.document and Evidence.document: the stored documents, checked against their contracts. */
export const planDocument = column<BackfillPlan>("Plan.document", storedPlanSchema);
/** The plan version a stored plan was made by (planDocument reads an earlier one as the current version). */
export const planDocumentVersion = column("Plan.document", z.object({ plan_version: z.number().int() }));
export const evidenceDocument = column<RunEvidence>("Evidence.document", runEvidenceSchema);

/**
 * ManifestRecord.payload: one ticket event as its manifest delivered it. Checked against the contract when the
 * manifest was loaded (lib/pipeline/manifests.ts); read back without a second check, as a build reads thousands.
 */
export function ticketPayload(json: string): TicketEvent {
  return JSON.parse(json) as TicketEvent;
}
