import { z } from "zod";

/** A review decision as the form, and any direct POST, sends it. Rejecting needs a reason. */
export const reviewRequestSchema = z
  .object({
    runId: z.coerce.number().int().positive(),
    evidenceId: z.coerce.number().int().positive(),
    decision: z.enum(["approved", "rejected"], { message: "decision must be approved or rejected" }),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((r) => r.decision !== "rejected" || (r.reason ?? "").length > 0, { path: ["reason"], message: "a reason is required to reject evidence" });
