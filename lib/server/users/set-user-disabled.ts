import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { parseInput } from "../certificates/wizard-input";
import { setUserDisabledSchema } from "@/lib/validations/users";
import { refuseAccountChange } from "./refuse-account-change";
import { anEnabledAdminRemains } from "./last-admin";

/**
 * Disables or enables an account (admin). Disabling ends its sessions at once (its API tokens stop working too:
 * they are checked against their creator on every use). The last enabled administrator cannot be disabled
 * (`ERR_LAST_ADMIN`, audited, nothing changed). Audited in the same transaction.
 */
export async function setUserDisabled(actor: Actor | null, input: unknown) {
  requireSessionActor(actor);
  requirePermission(actor, "mutate");
  const { id, disabled } = parseInput(setUserDisabledSchema, input);
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new AppError("ERR_NOT_FOUND", "There is no such account.");
  if (user.disabled === disabled) return { id, disabled };
  const done = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { disabled } });
    if (disabled && !(await anEnabledAdminRemains(tx))) throw new LastAdmin();
    if (disabled) await tx.session.deleteMany({ where: { userId: id } });
    await writeAudit(tx, actor, { action: disabled ? "user.disable" : "user.enable", targetType: "user", targetId: id, details: { username: user.username } });
    return true;
  }).catch((error: unknown) => {
    if (error instanceof LastAdmin) return false;
    throw error;
  });
  if (!done) return refuseAccountChange(actor, "user.disable", id, "ERR_LAST_ADMIN", `${user.username} is the last enabled administrator: enable or create another administrator first.`, { username: user.username });
  return { id, disabled };
}

/** Rolls the transaction back when the change would leave no administrator. */
export class LastAdmin extends Error {}
