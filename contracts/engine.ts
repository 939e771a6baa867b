// Requests that control running work: a backfill's lifecycle and one run's cancel / force release. The same
// schemas for the buttons (server actions) and the JSON API.
import { z } from "zod";
import { storeId } from "@/contracts/fields";

export const BACKFILL_CONTROLS = ["pause", "resume", "cancel", "reexecute", "concurrency"] as const;
export type BackfillControl = (typeof BACKFILL_CONTROLS)[number];

/** Most runs of one backfill at once (PostgreSQL only: SQLite has one writer, so one). */
export const MAX_CONCURRENT_RUNS = 8;

const controlFields = {
  control: z.enum(BACKFILL_CONTROLS, { message: `control must be one of ${BACKFILL_CONTROLS.join(", ")}` }),
  maxConcurrentRuns: z.coerce
    .number({ message: "max concurrent runs must be a whole number" })
    .int("max concurrent runs must be a whole number")
    .min(1, "max concurrent runs must be at least 1")
    .max(MAX_CONCURRENT_RUNS, `max concurrent runs must be at most ${MAX_CONCURRENT_RUNS}`)
    .optional(),
};
const concurrencyNeedsItsNumber: [(b: { control: BackfillControl; maxConcurrentRuns?: number }) => boolean, { message: string; path: string[] }] = [
  (b) => (b.control === "concurrency") === (b.maxConcurrentRuns !== undefined),
  { message: "maxConcurrentRuns goes with control concurrency, and only with it", path: ["maxConcurrentRuns"] },
];

/** The API's body: a control and, for `concurrency`, the new number of runs at once. */
export const backfillControlBody = z
  .object(controlFields)
  .strict()
  .refine(...concurrencyNeedsItsNumber);
export type BackfillControlRequest = z.infer<typeof backfillControlBody>;

/** The buttons' form: the same, with the backfill's id. */
export const backfillControlSchema = z.object({ backfillId: storeId("a backfill id"), ...controlFields }).refine(...concurrencyNeedsItsNumber);

export const RUN_CONTROLS = ["cancel", "release"] as const;

export const runControlSchema = z
  .object({
    runId: storeId("a run id"),
    control: z.enum(RUN_CONTROLS, { message: `control must be ${RUN_CONTROLS.join(" or ")}` }),
    reason: z.string().trim().max(500, "keep the reason under 500 characters").optional(),
  })
  .refine((r) => r.control !== "release" || (r.reason ?? "").length > 0, { path: ["reason"], message: "say why you release the run (it is audited)" });
