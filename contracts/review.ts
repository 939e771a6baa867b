import { z } from "zod";
import { storeId } from "@/contracts/fields";

/** A review decision as the form, and any direct POST, sends it. Rejecting needs a reason. */
export const reviewRequestSchema = z
  .object({
    runId: storeId("a run id"),
    evidenceId: storeId("an evidence id"),
    decision: z.enum(["approved", "rejected"], { message: "decision must be approved or rejected" }),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((r) => r.decision !== "rejected" || (r.reason ?? "").length > 0, { path: ["reason"], message: "a reason is required to reject evidence" });
