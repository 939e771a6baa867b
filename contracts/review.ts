import { z } from "zod";
import { storeId } from "@/contracts/fields";

/** A review decision as the form, and any direct POST, sends it. Rejecting needs a reason. */
export const reviewRequestSchema = z
  .object({
    runId: storeId("contract.notRunId"),
    evidenceId: storeId("contract.notEvidenceId"),
    decision: z.enum(["approved", "rejected"], { message: "contract.decision" }),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((r) => r.decision !== "rejected" || (r.reason ?? "").length > 0, {
    path: ["reason"],
    message: "contract.rejectReason",
  });

/** The most runs one bulk decision takes: a year's window and then some. */
export const MAX_BULK_RUNS = 400;

/** One decision with one reason over many runs (a backfill's, a filtered queue's); each run is still judged alone. */
export const bulkReviewRequestSchema = z
  .object({
    run_ids: z
      .array(storeId("contract.notRunId"))
      .min(1, "contract.selectOneRun")
      .max(MAX_BULK_RUNS, "contract.tooManyRuns"),
    decision: z.enum(["approved", "rejected"], { message: "contract.decision" }),
    reason: z.string().trim().max(1000, "contract.reasonUnder1000").optional(),
  })
  .strict()
  .refine((r) => r.decision !== "rejected" || (r.reason ?? "").length > 0, {
    path: ["reason"],
    message: "contract.rejectReason",
  });

/** The second person's approval of a plan that rewrites released partitions: a reason is required. */
export const planApprovalRequestSchema = z
  .object({
    reason: z.string().trim().min(1, "contract.approvalReason").max(1000, "contract.reasonUnder1000"),
  })
  .strict();
