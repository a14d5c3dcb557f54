import { db } from "../db";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { generatePassword, hashPassword } from "../auth/password";
import { parseInput } from "../certificates/wizard-input";
import { createLocalUserSchema } from "@/lib/validations/users";
import { refuseAccountChange } from "./refuse-account-change";

/**
 * Creates a local account (admin). Without a password one is generated and returned this once. A taken user name
 * is `ERR_USERNAME_TAKEN` (audited). Audited in the same transaction.
 */
export async function createLocalUser(actor: Actor | null, input: unknown) {
  requireSessionActor(actor);
  requirePermission(actor, "mutate");
  const data = parseInput(createLocalUserSchema, input);
  if (await db.user.findUnique({ where: { username: data.username } })) {
    return refuseAccountChange(actor, "user.create", data.username, "ERR_USERNAME_TAKEN", `There is already an account named ${data.username}.`);
  }
  const password = data.password ?? generatePassword();
  // Hashed before the transaction: the slow KDF must not hold it open.
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({ data: { username: data.username, role: data.role, passwordHash } });
    await writeAudit(tx, actor, { action: "user.create", targetType: "user", targetId: created.id, details: { username: created.username, role: created.role, generatedPassword: !data.password } });
    return created;
  });
  return { id: user.id, username: user.username, role: user.role, ...(data.password ? {} : { generatedPassword: password }) };
}
