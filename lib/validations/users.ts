import { z } from "zod";

/** A new password: long enough to resist guessing (the console has no complexity rules beyond length). */
export const newPasswordSchema = z.string().min(12, "Use at least 12 characters.").max(256);
export const roleSchema = z.enum(["admin", "helpdesk"]);
const username = z
  .string()
  .trim()
  .min(1, "Enter a user name.")
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, "Letters, digits and . _ @ - only.");

/** Users page: create a local account (without a password, one is generated and shown once). */
export const createLocalUserSchema = z.object({ username, role: roleSchema, password: newPasswordSchema.optional() }).strict();
/** Users page: disable or enable an account. */
export const setUserDisabledSchema = z.object({ id: z.string().min(1).max(64), disabled: z.boolean() }).strict();
/** Users page: change an account's role. */
export const setUserRoleSchema = z.object({ id: z.string().min(1).max(64), role: roleSchema }).strict();
/** Users page: reset a local account (a new generated password; optionally remove its second factor). */
export const resetLocalUserSchema = z.object({ id: z.string().min(1).max(64), removeTotp: z.boolean().default(false) }).strict();
/** Account page: change your own password. */
export const changeOwnPasswordSchema = z.object({ currentPassword: z.string().min(1, "Enter your current password.").max(256), newPassword: newPasswordSchema }).strict();
/** Account page: the first code that turns the second factor on, or your password to turn it off. */
export const totpCodeSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, "The code is 6 digits.") }).strict();
export const disableTotpSchema = z.object({ currentPassword: z.string().min(1, "Enter your current password.").max(256) }).strict();
