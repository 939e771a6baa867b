// Requests that control running work: a backfill's lifecycle and one run's cancel / force release. The same
// schemas for the buttons (server actions) and the JSON API.
import { z } from "zod";
import { storeId, wholeNumber } from "@/contracts/fields";

export const BACKFILL_CONTROLS = ["pause", "resume", "cancel", "reexecute", "concurrency"] as const;
export type BackfillControl = (typeof BACKFILL_CONTROLS)[number];

/** Most runs of one backfill at once (PostgreSQL only: SQLite has one writer, so one). */
export const MAX_CONCURRENT_RUNS = 8;

const controlFields = {
  control: z.enum(BACKFILL_CONTROLS, { message: "contract.backfillControl" }),
  maxConcurrentRuns: wholeNumber(
    { notOne: "contract.maxRunsWhole", min: "contract.maxRunsMin", max: "contract.maxRunsMax" },
    1,
    MAX_CONCURRENT_RUNS,
  ).optional(),
};
const concurrencyNeedsItsNumber: [
  (b: { control: BackfillControl; maxConcurrentRuns?: number }) => boolean,
  { message: string; path: string[] },
] = [
  (b) => (b.control === "concurrency") === (b.maxConcurrentRuns !== undefined),
  { message: "contract.concurrencyPair", path: ["maxConcurrentRuns"] },
];

/** The API's body: a control and, for `concurrency`, the new number of runs at once. */
export const backfillControlBody = z
  .object(controlFields)
  .strict()
  .refine(...concurrencyNeedsItsNumber);
export type BackfillControlRequest = z.infer<typeof backfillControlBody>;

/** The buttons' form: the same, with the backfill's id. */
export const backfillControlSchema = z
  .object({ backfillId: storeId("contract.notBackfillId"), ...controlFields })
  .refine(...concurrencyNeedsItsNumber);

export const RUN_CONTROLS = ["cancel", "release"] as const;

export const runControlSchema = z
  .object({
    runId: storeId("contract.notRunId"),
    control: z.enum(RUN_CONTROLS, { message: "contract.runControl" }),
    reason: z.string().trim().max(500, "contract.reasonUnder500").optional(),
  })
  .refine((r) => r.control !== "release" || (r.reason ?? "").length > 0, {
    path: ["reason"],
    message: "contract.releaseReason",
  });
