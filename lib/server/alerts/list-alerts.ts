import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** Alerts, unacknowledged first, newest first. */
export async function listAlerts(actor: Actor | null, take = 100) {
  requirePermission(actor, "read");
  return db.alert.findMany({
    orderBy: [{ acknowledgedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    take,
    include: { certificate: { select: { id: true, friendlyName: true, subject: true } } },
  });
}
