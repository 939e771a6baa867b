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

export const drillIdSchema = z.object({ drillId: storeId("contract.notDrillId") });
