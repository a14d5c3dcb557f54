import { z } from "zod";

/** Sign-in form and POST /api/v1/session body. */
export const signInSchema = z.object({
  username: z.string().trim().min(1, "Enter your user name.").max(64),
  password: z.string().min(1, "Enter your password.").max(256),
  totpCode: z
    .string()
    .regex(/^\d{6}$/, "The authenticator code is 6 digits.")
    .optional()
    .describe("The current 6-digit code of the account's authenticator app, when the account has a second factor."),
});
