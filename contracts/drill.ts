import { z } from "zod";
import { optionalText, storeId } from "@/contracts/fields";
import { DRILL_KINDS } from "@/lib/domain/drills";

/** A drill request from the drills page (or any direct POST): preview it, or apply it. */
export const drillRequestSchema = z.object({
  kind: z.enum(DRILL_KINDS, { message: "contract.drillKind" }),
  intent: z.enum(["preview", "apply"]).default("preview"),
  partitionKey: optionalText(),
  assetKey: optionalText(),
  checkName: optionalText(),
  /** Apply: the token its preview returned — Apply takes exactly the inputs that were previewed. */
  token: z.string().max(64).optional(),
});

/** A drill's revert from the drills page: preview it, or revert exactly what the preview described. */
export const drillRevertSchema = z.object({
  drillId: storeId("contract.notDrillId"),
  intent: z.enum(["preview", "revert"]).default("preview"),
  /** Revert: the token its preview returned, of the drill and its partition's state at the preview. */
  token: z.string().max(64).optional(),
  /** Revert: the plan its preview made, for a revert that writes rows. */
  planId: z
    .string()
    .regex(/^[0-9a-f]{16}$/, "actions.notAPlanId")
    .optional(),
});
