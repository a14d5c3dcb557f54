import { db } from "../db";
import type { Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";

/** The signed-in user's own account, for the Account page. */
export async function getOwnAccount(actor: Actor | null) {
  requireSessionActor(actor);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  return { username: user.username, role: user.role, totpEnabled: user.totpEnabled, lastSignInAt: user.lastSignInAt?.toISOString() ?? null };
}
