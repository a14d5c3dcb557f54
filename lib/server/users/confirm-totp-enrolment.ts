import { db } from "../db";
import { writeAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { matchTotpStep, openTotpSecret } from "../auth/totp";
import { parseInput } from "../certificates/wizard-input";
import { totpCodeSchema } from "@/lib/validations/users";
import { refuseAccountChange } from "./refuse-account-change";

/**
 * Turns the second factor on once the first code from the app matches (`ERR_TOTP_INVALID` otherwise, audited).
 * From then on every sign-in of the account needs a code, and the code used here cannot sign in.
 */
export async function confirmTotpEnrolment(actor: Actor | null, input: unknown, now = new Date()) {
  requireSessionActor(actor);
  const { code } = parseInput(totpCodeSchema, input);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (!user.totpSecretSealed) return refuseAccountChange(actor, "user.totp.enable", user.id, "ERR_TOTP_NOT_ENROLLED", "Start the enrolment first: there is no pending authenticator secret.");
  const step = matchTotpStep(openTotpSecret(user.totpSecretSealed), code, now);
  if (step === null) return refuseAccountChange(actor, "user.totp.enable", user.id, "ERR_TOTP_INVALID", "The code does not match: check the app's clock and enter the current code.");
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpEnabled: true, totpLastStep: step } });
    await writeAudit(tx, actor, { action: "user.totp.enable", targetType: "user", targetId: user.id, details: { username: user.username } });
  });
  return { totpEnabled: true };
}
