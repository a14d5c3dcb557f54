import { db } from "../db";
import { writeAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { verifyPassword } from "../auth/password";
import { parseInput } from "../certificates/wizard-input";
import { disableTotpSchema } from "@/lib/validations/users";
import { refuseAccountChange } from "./refuse-account-change";

/** Removes the signed-in user's second factor; the current password is required (`ERR_BAD_CREDENTIALS`, audited). */
export async function disableOwnTotp(actor: Actor | null, input: unknown) {
  requireSessionActor(actor);
  const { currentPassword } = parseInput(disableTotpSchema, input);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, omit: { passwordHash: false } });
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    return refuseAccountChange(actor, "user.totp.disable", user.id, "ERR_BAD_CREDENTIALS", "The current password is incorrect.");
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpEnabled: false, totpSecretSealed: null, totpLastStep: null } });
    await writeAudit(tx, actor, { action: "user.totp.disable", targetType: "user", targetId: user.id, details: { username: user.username } });
  });
  return { totpEnabled: false };
}
