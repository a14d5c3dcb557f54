import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import type { AuditFilters } from "@/lib/validations/audit-filters";

/** Audit events, newest first, filtered by action prefix, actor, outcome and target. */
export async function listAuditEvents(actor: Actor | null, filters: AuditFilters) {
  requirePermission(actor, "read");
  const where: Prisma.AuditEventWhereInput = {};
  if (filters.action) where.action = { startsWith: filters.action };
  if (filters.actor) where.actorName = filters.actor;
  if (filters.outcome) where.outcome = filters.outcome;
  if (filters.target) where.targetId = { contains: filters.target };
  const [total, items] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: { at: "desc" },
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
  ]);
  return { total, items, page: filters.page, pageSize: filters.pageSize };
}
