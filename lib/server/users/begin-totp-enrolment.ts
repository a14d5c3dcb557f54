import { db } from "../db";
import { writeAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { refuseAccountChange } from "./refuse-account-change";
import { newTotpSecret, sealTotpSecret, totpUri } from "../auth/totp";

/**
 * Starts enrolling the signed-in user's authenticator app: a new secret, sealed under the master key, not yet
 * enforced (a first code must be verified by {@link confirmTotpEnrolment}). Returns the `otpauth://` URI and the
 * secret to type in, this once. Restarting replaces a pending secret; an enabled second factor is refused
 * (`ERR_CONFLICT`): it must be turned off with the password first.
 */
export async function beginTotpEnrolment(actor: Actor | null) {
  requireSessionActor(actor);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  // Replacing an active second factor would let a stolen session remove it: turning it off needs the password.
  if (user.totpEnabled) return refuseAccountChange(actor, "user.totp.begin", user.id, "ERR_CONFLICT", "The second factor is already on: turn it off with your password first.");
  const secret = newTotpSecret();
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { totpSecretSealed: sealTotpSecret(secret), totpEnabled: false, totpLastStep: null } });
    await writeAudit(tx, actor, { action: "user.totp.begin", targetType: "user", targetId: actor.userId, details: { username: actor.username } });
  });
  return { uri: totpUri(actor.username, secret), secret };
}
