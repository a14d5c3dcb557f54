import { db } from "../db";
import { writeAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { hashPassword, verifyPassword } from "../auth/password";
import { parseInput } from "../certificates/wizard-input";
import { changeOwnPasswordSchema } from "@/lib/validations/users";
import { refuseAccountChange } from "./refuse-account-change";

/**
 * Changes the signed-in user's own password; the current one is required (`ERR_BAD_CREDENTIALS`, audited, nothing
 * changed). Audited in the same transaction.
 */
export async function changeOwnPassword(actor: Actor | null, input: unknown) {
  requireSessionActor(actor);
  const { currentPassword, newPassword } = parseInput(changeOwnPasswordSchema, input);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, omit: { passwordHash: false } });
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    return refuseAccountChange(actor, "user.changePassword", user.id, "ERR_BAD_CREDENTIALS", "The current password is incorrect.");
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await writeAudit(tx, actor, { action: "user.changePassword", targetType: "user", targetId: user.id, details: { username: user.username } });
  });
  return { ok: true };
}
