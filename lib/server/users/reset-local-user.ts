import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { generatePassword, hashPassword } from "../auth/password";
import { parseInput } from "../certificates/wizard-input";
import { resetLocalUserSchema } from "@/lib/validations/users";

/**
 * Resets a local account (admin): a new generated password, returned this once, and its sessions ended; with
 * `removeTotp` its second factor is removed too (a lost phone). Audited in the same transaction.
 */
export async function resetLocalUser(actor: Actor | null, input: unknown) {
  requireSessionActor(actor);
  requirePermission(actor, "mutate");
  const { id, removeTotp } = parseInput(resetLocalUserSchema, input);
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new AppError("ERR_NOT_FOUND", "There is no such account.");
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { passwordHash, ...(removeTotp ? { totpEnabled: false, totpSecretSealed: null, totpLastStep: null } : {}) } });
    await tx.session.deleteMany({ where: { userId: id } });
    await writeAudit(tx, actor, { action: "user.reset", targetType: "user", targetId: id, details: { username: user.username, removedTotp: removeTotp } });
  });
  return { id, username: user.username, generatedPassword: password };
}
