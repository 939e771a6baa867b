// An upstream manifest as delivered. Every field the pipeline relies on is required, so a broken manifest
// is rejected with each missing or wrong field named, before anything is read or written.
import { z } from "zod";
import { partitionKeyProblem } from "@/lib/domain/partition";

const partitionDate = z.string().superRefine((value, ctx) => {
  const problem = partitionKeyProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const manifestFileSchema = z.object({
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lower-case hex characters"),
  record_count: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
  manifest_id: z.string().min(1),
  source: z.string().min(1),
  created_at: z.iso.datetime({ offset: true }),
  partition_window: z
    .object({ start: partitionDate, end: partitionDate })
    .refine((w) => w.end >= w.start, { message: "end is before start", path: ["end"] }),
  files: z.array(manifestFileSchema).min(1),
});

export type Manifest = z.infer<typeof manifestSchema>;

export interface ManifestProblem {
  field: string;
  message: string;
}

/** zod issues → one problem per field, with the field's path as the manifest writes it (files[0].sha256). */
export function manifestProblems(error: z.ZodError): ManifestProblem[] {
  return error.issues.map((issue) => ({
    field:
      issue.path.reduce<string>(
        (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
        "",
      ) || "(document)",
    message: issue.code === "invalid_type" && issue.input === undefined ? "missing" : issue.message,
  }));
}

/** One-line description of everything wrong, e.g. "source: missing; files[0].sha256: missing". */
export function describeProblems(problems: ManifestProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join("; ");
}

/** One delivered line of a batch file. */
export const ticketEventSchema = z.object({
  event_id: z.string().min(1),
  ticket_id: z.string().min(1),
  event_type: z.enum(["created", "updated", "resolved"]),
  event_time: z.string().regex(/(Z|[+-]\d{2}:\d{2})$/, "must be ISO-8601 with an offset"),
  customer_id: z.string().min(1),
  channel: z.string().min(1),
  product_line: z.string().min(1),
  priority: z.string().nullable(),
  subject: z.string(),
  first_response_minutes: z.number().int().nullable(),
});

export type TicketEvent = z.infer<typeof ticketEventSchema>;
