// An upstream manifest as delivered. Every field the pipeline relies on is required, so a broken manifest
// is rejected with each missing or wrong field named, before anything is read or written.
import { z } from "zod";
import { partitionKeyProblem } from "@/lib/domain/partition";
import { issueText } from "@/lib/i18n/zod";
import { quote, render, semicolonList, text, type TextValue } from "@/lib/i18n/text";

// Messages name catalog keys (lib/i18n/messages): a rejected manifest's problems are recorded as messages, so each
// reader of /manifests gets them in their language.
const partitionDate = z.string().superRefine((value, ctx) => {
  if (partitionKeyProblem(value)) ctx.addIssue({ code: "custom", message: "manifestProblem.notADate" });
});

export const manifestFileSchema = z.object({
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "manifestProblem.sha256Hex"),
  record_count: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
  manifest_id: z.string().min(1),
  source: z.string().min(1),
  created_at: z.iso.datetime({ offset: true }),
  partition_window: z
    .object({ start: partitionDate, end: partitionDate })
    .refine((w) => w.end >= w.start, { message: "manifestProblem.endBeforeStart", path: ["end"] }),
  files: z.array(manifestFileSchema).min(1),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** What is wrong with one field: `message` in English (logs, the CLI), `text` the same as a catalog message. */
export interface ManifestProblem {
  field: string;
  message: string;
  text: TextValue;
}

export function manifestProblem(field: string, problem: TextValue): ManifestProblem {
  return { field, message: render(problem, "en"), text: problem };
}

/** A zod finding as a catalog message; one zod words itself that has none of ours is quoted as it said it. */
function problemText(issue: z.core.$ZodIssue): TextValue {
  // zod reports no input: a field of the wrong type reads as missing too, as it always has here.
  if (issue.code === "invalid_type") return text("manifestProblem.missing");
  if (issue.code === "too_small") return text("manifestProblem.tooSmall", { minimum: Number(issue.minimum) });
  if (issue.code === "invalid_format") return text("manifestProblem.format", { format: issue.format });
  if (issue.code === "invalid_value") return text("manifestProblem.oneOf", { values: issue.values.join(", ") });
  const said = issueText(issue);
  return typeof said === "string" ? quote(said) : said;
}

/** zod issues → one problem per field, with the field's path as the manifest writes it (files[0].sha256). */
export function manifestProblems(error: z.ZodError): ManifestProblem[] {
  return error.issues.map((issue) =>
    manifestProblem(
      issue.path.reduce<string>(
        (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
        "",
      ) || "(document)",
      problemText(issue),
    ),
  );
}

/** Everything wrong as one message, e.g. "source: missing; files[0].sha256: missing". */
export function describeProblems(problems: ManifestProblem[]): TextValue {
  return semicolonList(problems.map((p) => text("manifestProblem.at", { field: p.field, problem: p.text })));
}

/** One delivered line of a batch file. */
export const ticketEventSchema = z.object({
  event_id: z.string().min(1),
  ticket_id: z.string().min(1),
  event_type: z.enum(["created", "updated", "resolved"]),
  event_time: z.string().regex(/(Z|[+-]\d{2}:\d{2})$/, "manifestProblem.needsOffset"),
  customer_id: z.string().min(1),
  channel: z.string().min(1),
  product_line: z.string().min(1),
  priority: z.string().nullable(),
  subject: z.string(),
  first_response_minutes: z.number().int().nullable(),
});

export type TicketEvent = z.infer<typeof ticketEventSchema>;
