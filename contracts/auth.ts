import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("enter the email of your account"),
  password: z.string().min(1, "enter your password"),
  next: z.string().regex(/^\/(?!\/)/).optional().catch(undefined),
});
