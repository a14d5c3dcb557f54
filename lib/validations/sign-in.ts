import { z } from "zod";

/** Sign-in form and POST /api/v1/session body. */
export const signInSchema = z.object({
  username: z.string().trim().min(1, "Enter your user name.").max(64),
  password: z.string().min(1, "Enter your password.").max(256),
});
