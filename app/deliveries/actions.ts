"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { storeId } from "@/contracts/fields";
import type { ActionState } from "@/components/action-button";
import { authorize } from "@/lib/auth/session";
import { resendDelivery } from "@/lib/notify/deliver";

const resendSchema = z.object({ deliveryId: storeId("a delivery id") });

/** "Resend": validate → authorize (operator) → queue the delivery again with a fresh count of attempts. */
export async function resendDeliveryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = resendSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]!.message };
  const auth = await authorize("execute", `delivery ${parsed.data.deliveryId}`);
  if (!auth.ok) return { ok: false, message: auth.message };
  const result = await resendDelivery(parsed.data.deliveryId, auth.user.email);
  revalidatePath("/deliveries");
  return { ok: result.ok, message: result.message };
}
