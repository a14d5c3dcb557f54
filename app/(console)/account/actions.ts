"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { safeAction } from "@/lib/actions/safe-action";
import { changeOwnPassword } from "@/lib/server/users/change-own-password";
import { beginTotpEnrolment } from "@/lib/server/users/begin-totp-enrolment";
import { confirmTotpEnrolment } from "@/lib/server/users/confirm-totp-enrolment";
import { disableOwnTotp } from "@/lib/server/users/disable-own-totp";
import { changeOwnPasswordSchema, disableTotpSchema, totpCodeSchema } from "@/lib/validations/users";

/** Changes your own password (the current one is required; audited). */
export const changeOwnPasswordAction = safeAction("user.changePassword", changeOwnPasswordSchema, (input, actor) => changeOwnPassword(actor, input));

/** Starts enrolling an authenticator app: the otpauth:// URI and secret, shown once (audited). */
export const beginTotpEnrolmentAction = safeAction("user.totp.begin", z.object({}).strict(), (_input, actor) => beginTotpEnrolment(actor));

/** Turns the second factor on with a first code (audited). */
export const confirmTotpEnrolmentAction = safeAction("user.totp.enable", totpCodeSchema, async (input, actor) => {
  const r = await confirmTotpEnrolment(actor, input);
  revalidatePath("/account");
  return r;
});

/** Turns the second factor off (the password is required; audited). */
export const disableOwnTotpAction = safeAction("user.totp.disable", disableTotpSchema, async (input, actor) => {
  const r = await disableOwnTotp(actor, input);
  revalidatePath("/account");
  return r;
});
