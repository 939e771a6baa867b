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

/** The most runs one bulk decision takes: a year's window and then some. */
export const MAX_BULK_RUNS = 400;

/** One decision with one reason over many runs (a backfill's, a filtered queue's); each run is still judged alone. */
export const bulkReviewRequestSchema = z
  .object({
    run_ids: z.array(storeId("a run id")).min(1, "select at least one run").max(MAX_BULK_RUNS, `at most ${MAX_BULK_RUNS} runs at once`),
    decision: z.enum(["approved", "rejected"], { message: "decision must be approved or rejected" }),
    reason: z.string().trim().max(1000, "keep the reason under 1,000 characters").optional(),
  })
  .strict()
  .refine((r) => r.decision !== "rejected" || (r.reason ?? "").length > 0, { path: ["reason"], message: "a reason is required to reject evidence" });

/** The second person's approval of a plan that rewrites released partitions: a reason is required. */
export const planApprovalRequestSchema = z
  .object({
    reason: z.string().trim().min(1, "say why the rewrite is right (the approval is audited)").max(1000, "keep the reason under 1,000 characters"),
  })
  .strict();
