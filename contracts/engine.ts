// Requests that control running work: a backfill's lifecycle and one run's cancel / force release. The same
// schemas for the buttons (server actions) and the JSON API.
import { z } from "zod";
import { storeId } from "@/contracts/fields";

export const BACKFILL_CONTROLS = ["pause", "resume", "cancel", "reexecute"] as const;
export type BackfillControl = (typeof BACKFILL_CONTROLS)[number];

export const backfillControlSchema = z.object({
  backfillId: storeId("a backfill id"),
  control: z.enum(BACKFILL_CONTROLS, { message: `control must be one of ${BACKFILL_CONTROLS.join(", ")}` }),
});

export const RUN_CONTROLS = ["cancel", "release"] as const;

export const runControlSchema = z
  .object({
    runId: storeId("a run id"),
    control: z.enum(RUN_CONTROLS, { message: `control must be ${RUN_CONTROLS.join(" or ")}` }),
    reason: z.string().trim().max(500, "keep the reason under 500 characters").optional(),
  })
  .refine((r) => r.control !== "release" || (r.reason ?? "").length > 0, { path: ["reason"], message: "say why you release the run (it is audited)" });
