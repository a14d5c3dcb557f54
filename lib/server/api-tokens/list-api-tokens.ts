import { db } from "../db";
import { can, type Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { apiTokenView } from "./api-token-view";

/** API tokens, newest first: an administrator sees every token, anyone else their own. */
export async function listApiTokens(actor: Actor | null, now = new Date()) {
  requireSessionActor(actor);
  const rows = await db.apiToken.findMany({
    where: can(actor, "mutate") ? {} : { createdById: actor.userId },
    include: { createdBy: { select: { username: true } } },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return rows.map((row) => apiTokenView(row, now));
}
