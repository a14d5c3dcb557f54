import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { listAlerts } from "../alerts/list-alerts";
import { jobState } from "../jobs/job-lease";
import { REFRESH_STATUSES_JOB } from "../jobs/refresh-statuses-job";
import { daysLeft } from "@/lib/pki/exchange/expiry";

const MONTHS = 12;

/**
 * What the dashboard shows: counts by status (installed certificates), what expires next and where it is used
 * (installed certificates expiring within 12 months or already expired, soonest first, with their servers and
 * services), bound certificates with problems first, the alerts, and the monitoring job's state.
 */
export async function getDashboard(actor: Actor | null, now = new Date()) {
  requirePermission(actor, "read");
  const installed = await db.certificate.findMany({
    where: { installations: { some: {} } },
    select: { id: true, status: true, notAfter: true, friendlyName: true, subject: true, installations: { select: { server: { select: { name: true } } } } },
  });
  const byStatus: Record<string, number> = {};
  for (const c of installed) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;

  const bindings = await db.serviceBinding.findMany({
    include: { server: { select: { name: true } }, certificate: { select: { id: true, friendlyName: true, subject: true, status: true, statusReason: true, notAfter: true, thumbprint: true } } },
  });
  const bound = new Map<string, { certificate: (typeof bindings)[number]["certificate"]; services: string[]; acknowledged: boolean }>();
  for (const b of bindings) {
    const entry = bound.get(b.certificateId) ?? { certificate: b.certificate, services: [], acknowledged: false };
    entry.services.push(`${b.server.name}: ${b.service}`);
    entry.acknowledged ||= b.acknowledgedStatus !== null;
    bound.set(b.certificateId, entry);
  }
  const boundCertificates = [...bound.values()].sort(
    (a, b) => Number(a.certificate.status === "Valid") - Number(b.certificate.status === "Valid") || a.certificate.notAfter.getTime() - b.certificate.notAfter.getTime(),
  );
  const horizon = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + MONTHS, now.getUTCDate()));
  const expiring = installed
    .filter((c) => c.notAfter < horizon)
    .sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime())
    .map((c) => ({
      id: c.id,
      name: c.friendlyName || c.subject,
      status: c.status,
      notAfter: c.notAfter.toISOString(),
      daysLeft: daysLeft(c.notAfter, now),
      servers: c.installations.map((i) => i.server.name).sort(),
      services: bindings.filter((b) => b.certificateId === c.id).map((b) => `${b.server.name} ${b.service}`),
    }));
  return {
    total: installed.length,
    byStatus,
    expiring,
    boundCertificates,
    alerts: await listAlerts(actor, 50),
    job: await jobState(REFRESH_STATUSES_JOB),
  };
}
