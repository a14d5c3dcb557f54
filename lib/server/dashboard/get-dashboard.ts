import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { listAlerts, listResolvedAlerts } from "../alerts/list-alerts";
import { jobState } from "../jobs/job-lease";
import { REFRESH_STATUSES_JOB } from "../jobs/refresh-statuses-job";

const MONTHS = 12;

/**
 * What the dashboard shows: counts by status (installed certificates), an expiry timeline for the next 12
 * months, bound certificates with problems first, the alerts, and the monitoring job's state.
 */
export async function getDashboard(actor: Actor | null, now = new Date()) {
  requirePermission(actor, "read");
  const installed = await db.certificate.findMany({
    where: { installations: { some: {} } },
    select: { id: true, status: true, notAfter: true },
  });
  const byStatus: Record<string, number> = {};
  for (const c of installed) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;

  const timeline = Array.from({ length: MONTHS }, (_, i) => {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i + 1, 1));
    return { month: start.toISOString().slice(0, 7), count: installed.filter((c) => c.notAfter >= (i === 0 ? now : start) && c.notAfter < end).length };
  });

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
  return {
    total: installed.length,
    byStatus,
    timeline,
    boundCertificates,
    alerts: await listAlerts(actor, 50),
    resolvedAlerts: await listResolvedAlerts(actor, 20),
    job: await jobState(REFRESH_STATUSES_JOB),
  };
}
