import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, "contract.notAnEmail").email("contract.email"),
  password: z.string().min(1, "contract.password").max(1024, "contract.passwordTooLong"),
  next: z.string().max(2048).optional().catch(undefined),
});

/** The header's language switcher. */
export const languageChoiceSchema = z.object({ language: z.enum(LOCALES, { message: "contract.language" }) });
