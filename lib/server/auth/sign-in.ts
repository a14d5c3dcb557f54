import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { verifyPassword } from "./password";
import { createSession } from "./session";
import { lockedUntil, recordFailure, recordSuccess } from "./login-throttle";
import type { Role } from "./actor";

/**
 * Signs a user in. Failures are counted per user name and per client address; both are locked after
 * repeated failures. The message never says whether the user exists.
 */
export async function signIn(input: { username: string; password: string; clientAddress: string }, now = new Date()) {
  const keys = [`user:${input.username.toLowerCase()}`, `addr:${input.clientAddress}`];
  for (const key of keys) {
    const until = await lockedUntil(key, now);
    if (until) {
      throw new AppError("ERR_RATE_LIMITED", `Too many failed sign-ins. Try again after ${until.toISOString().slice(11, 16)} UTC.`);
    }
  }
  const user = await db.user.findUnique({ where: { username: input.username }, omit: { passwordHash: false } });
  const ok = user ? await verifyPassword(input.password, user.passwordHash) : false;
  if (!user || !ok) {
    for (const key of keys) await recordFailure(key, now);
    await writeAudit(db, { username: input.username.slice(0, 64) || "(empty)", role: "anonymous" }, {
      action: "auth.signIn",
      targetType: "user",
      targetId: input.username.slice(0, 64),
      details: { clientAddress: input.clientAddress },
      outcome: "refused",
    });
    throw new AppError("ERR_BAD_CREDENTIALS", "The user name or password is incorrect.");
  }
  for (const key of keys) await recordSuccess(key);
  const session = await createSession(user.id, now);
  await writeAudit(db, { userId: user.id, username: user.username, role: user.role as Role }, {
    action: "auth.signIn",
    targetType: "user",
    targetId: user.id,
    details: { clientAddress: input.clientAddress },
  });
  return { ...session, user: { id: user.id, username: user.username, role: user.role as Role } };
}
