import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** Alerts that still hold (not resolved), unacknowledged first, newest first. */
export async function listAlerts(actor: Actor | null, take = 100) {
  requirePermission(actor, "read");
  return db.alert.findMany({
    where: { resolvedAt: null },
    orderBy: [{ acknowledgedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    take,
    include: { certificate: { select: { id: true, friendlyName: true, subject: true } } },
  });
}

/** Resolved alerts (the condition no longer holds), most recently cleared first: the alert history. */
export async function listResolvedAlerts(actor: Actor | null, take = 20) {
  requirePermission(actor, "read");
  return db.alert.findMany({
    where: { resolvedAt: { not: null } },
    orderBy: { resolvedAt: "desc" },
    take,
    include: { certificate: { select: { id: true, friendlyName: true, subject: true } } },
  });
}
