import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { parseInput } from "../certificates/wizard-input";
import { setUserRoleSchema } from "@/lib/validations/users";
import { refuseAccountChange } from "./refuse-account-change";
import { anEnabledAdminRemains } from "./last-admin";
import { LastAdmin } from "./set-user-disabled";

/**
 * Changes an account's role (admin). The last enabled administrator cannot be demoted (`ERR_LAST_ADMIN`, audited).
 * The account's API tokens follow at once: a token never exceeds its creator's current role.
 */
export async function setUserRole(actor: Actor | null, input: unknown) {
  requireSessionActor(actor);
  requirePermission(actor, "mutate");
  const { id, role } = parseInput(setUserRoleSchema, input);
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new AppError("ERR_NOT_FOUND", "There is no such account.");
  if (user.role === role) return { id, role };
  const done = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { role } });
    if (!(await anEnabledAdminRemains(tx))) throw new LastAdmin();
    await writeAudit(tx, actor, { action: "user.role", targetType: "user", targetId: id, details: { username: user.username, from: user.role, to: role } });
    return true;
  }).catch((error: unknown) => {
    if (error instanceof LastAdmin) return false;
    throw error;
  });
  if (!done) return refuseAccountChange(actor, "user.role", id, "ERR_LAST_ADMIN", `${user.username} is the last enabled administrator: make another account an administrator first.`, { username: user.username, to: role });
  return { id, role };
}
