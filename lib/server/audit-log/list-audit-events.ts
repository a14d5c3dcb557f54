import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import type { AuditFilters } from "@/lib/validations/audit-filters";
import { summarizeAuditEvent } from "./audit-summary";

/** Largest number of rows one CSV export holds. */
export const AUDIT_EXPORT_LIMIT = 10_000;

async function acknowledgedIds(where: Prisma.AuditEventWhereInput): Promise<string[]> {
  const enables = await db.auditEvent.findMany({ where: { ...where, action: "service.enable" }, select: { id: true, details: true }, take: AUDIT_EXPORT_LIMIT });
  return enables.filter((e) => (e.details as { acknowledged?: unknown } | null)?.acknowledged === true).map((e) => e.id);
}

/** Names the targets: certificates by friendly name (or subject) and thumbprint, requests, endpoints, partners. */
async function targetNames(items: { targetType: string; targetId: string }[]) {
  const ids = (type: string) => [...new Set(items.filter((i) => i.targetType === type).map((i) => i.targetId))];
  const certKeys = ids("certificate");
  const [certs, requests, endpoints, partners] = await Promise.all([
    db.certificate.findMany({ where: { OR: [{ id: { in: certKeys } }, { thumbprint: { in: certKeys } }] }, select: { id: true, thumbprint: true, friendlyName: true, subject: true } }),
    db.certificateRequest.findMany({ where: { id: { in: ids("certificateRequest") } }, select: { id: true, friendlyName: true, subject: true } }),
    db.endpoint.findMany({ where: { id: { in: ids("endpoint") } }, select: { id: true, host: true, port: true, service: true, server: { select: { name: true } } } }),
    db.partnerHost.findMany({ where: { id: { in: ids("partnerHost") } }, select: { id: true, host: true, port: true } }),
  ]);
  return (type: string, id: string): { name: string; thumbprint: string | null } => {
    if (type === "certificate") {
      const c = certs.find((x) => x.id === id || x.thumbprint === id);
      return c ? { name: c.friendlyName || c.subject, thumbprint: c.thumbprint } : { name: /^[0-9A-F]{40}$/.test(id) ? "" : id, thumbprint: /^[0-9A-F]{40}$/.test(id) ? id : null };
    }
    if (type === "certificateRequest") {
      const r = requests.find((x) => x.id === id);
      return { name: r ? r.friendlyName || r.subject : id, thumbprint: null };
    }
    if (type === "endpoint") {
      const e = endpoints.find((x) => x.id === id);
      return { name: e ? `${e.server.name} ${e.service} ${e.host}:${e.port}` : id, thumbprint: null };
    }
    if (type === "partnerHost") {
      const p = partners.find((x) => x.id === id);
      return { name: p ? `${p.host}:${p.port}` : id, thumbprint: null };
    }
    return { name: id, thumbprint: null };
  };
}

/**
 * Audit events, newest first, filtered by action prefix, actor, outcome, target (name, thumbprint or id) and
 * acknowledged warnings; each with its target named and a readable summary. `all` returns every match (CSV
 * export, capped at {@link AUDIT_EXPORT_LIMIT}) instead of one page.
 */
export async function listAuditEvents(actor: Actor | null, filters: AuditFilters, options: { all?: boolean } = {}) {
  requirePermission(actor, "read");
  const where: Prisma.AuditEventWhereInput = {};
  if (filters.action) where.action = { startsWith: filters.action };
  if (filters.actor) where.actorName = filters.actor;
  if (filters.outcome) where.outcome = filters.outcome;
  if (filters.target) {
    const t = filters.target;
    const named = await db.certificate.findMany({ where: { OR: [{ friendlyName: { contains: t } }, { subject: { contains: t } }] }, select: { id: true, thumbprint: true }, take: 200 });
    where.OR = [{ targetId: { contains: t } }, { targetId: { contains: t.toUpperCase() } }, { targetId: { in: named.flatMap((c) => [c.id, c.thumbprint]) } }];
  }
  if (filters.acknowledged) where.id = { in: await acknowledgedIds(where) };
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: { at: "desc" },
      skip: options.all ? 0 : (filters.page - 1) * filters.pageSize,
      take: options.all ? AUDIT_EXPORT_LIMIT : filters.pageSize,
    }),
  ]);
  const nameOf = await targetNames(rows);
  const items = rows.map((e) => {
    const target = nameOf(e.targetType, e.targetId);
    return { ...e, targetName: target.name, thumbprint: target.thumbprint, summary: summarizeAuditEvent({ action: e.action, outcome: e.outcome, targetName: target.name, details: e.details }) };
  });
  return { total, items, page: filters.page, pageSize: filters.pageSize };
}
