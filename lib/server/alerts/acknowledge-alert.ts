import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";

/** Marks an alert as seen by an administrator. Audited. */
export async function acknowledgeAlert(actor: Actor | null, alertId: string) {
  requirePermission(actor, "mutate");
  const alert = await db.alert.findUnique({ where: { id: alertId } });
  if (!alert) throw new AppError("ERR_NOT_FOUND", "That alert no longer exists.");
  return db.$transaction(async (tx) => {
    const updated = await tx.alert.update({ where: { id: alertId }, data: { acknowledgedAt: new Date(), acknowledgedBy: actor.username } });
    await writeAudit(tx, actor, { action: "alert.acknowledge", targetType: "alert", targetId: alert.key, details: { kind: alert.kind } });
    return updated;
  });
}
