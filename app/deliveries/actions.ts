"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { storeId } from "@/contracts/fields";
import type { ActionState } from "@/components/action-button";
import { authorize } from "@/lib/auth/session";
import { resendDelivery } from "@/lib/notify/deliver";
import { parseForm, sayOutcome } from "@/lib/i18n/server";

const resendSchema = z.object({ deliveryId: storeId("contract.notDeliveryId") });

/** "Resend": validate → authorize (operator) → queue the delivery again with a fresh count of attempts. */
export async function resendDeliveryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = await parseForm(resendSchema, Object.fromEntries(formData));
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const auth = await authorize("execute", `delivery ${parsed.data.deliveryId}`);
  if (!auth.ok) return { ok: false, message: await sayOutcome(auth) };
  const result = await resendDelivery(parsed.data.deliveryId, auth.user.email);
  revalidatePath("/deliveries");
  return { ok: result.ok, message: await sayOutcome(result) };
}
