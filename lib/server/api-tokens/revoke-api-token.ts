import { db } from "../db";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import { can, type Actor } from "../auth/actor";
import { requireSessionActor } from "../auth/require-session-actor";
import { apiTokenView } from "./api-token-view";

/**
 * Revokes an API token: at once, for good. Its creator may revoke it, and an administrator may revoke any token.
 * Revoking a revoked token changes nothing. Audited in the same transaction.
 */
export async function revokeApiToken(actor: Actor | null, id: string, now = new Date()) {
  requireSessionActor(actor);
  const token = await db.apiToken.findUnique({ where: { id }, include: { createdBy: { select: { username: true } } } });
  if (!token || (token.createdById !== actor.userId && !can(actor, "mutate"))) throw new AppError("ERR_NOT_FOUND", "There is no such API token.");
  if (token.revokedAt) return apiTokenView(token, now);
  const row = await db.$transaction(async (tx) => {
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: now }, include: { createdBy: { select: { username: true } } } });
    await writeAudit(tx, actor, { action: "apiToken.revoke", targetType: "apiToken", targetId: id, details: { name: token.name, prefix: token.prefix, createdBy: token.createdBy.username } });
    return revoked;
  });
  return apiTokenView(row, now);
}
