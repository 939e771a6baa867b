import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, "that is not an email address").email("enter the email of your account"),
  password: z.string().min(1, "enter your password").max(1024, "that password is too long"),
  next: z.string().max(2048).optional().catch(undefined),
});
