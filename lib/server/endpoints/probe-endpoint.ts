import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { deliverAlerts } from "../alerts/deliver-alerts";
import { loadTrustContext } from "../certificates/trust-context";
import { runProbe, type ProbeDependencies } from "./run-probe";
import { presentedLeaf, storedReport, type CertificateRef, type StoredProbeReport } from "./stored-report";
import { findWrongCertificate } from "./wrong-certificate";

/** Outcome of one endpoint probe. */
export interface EndpointProbeOutcome {
  endpointId: string;
  status: string;
  report: StoredProbeReport;
  /** True when this probe raised the WrongCertificateInUse alert (false when it already existed). */
  alertCreated: boolean;
}

const certificateSelect = {
  id: true,
  thumbprint: true,
  subject: true,
  issuer: true,
  notAfter: true,
  friendlyName: true,
  status: true,
} as const;

/**
 * Probes one endpoint now — a diagnostic any signed-in user may run — with the console's outbound settings and the
 * trust stores of the endpoint's server, then compares the presented leaf with the certificates bound to that
 * server and service. A mismatch is flagged on the endpoint and raised once as a `WrongCertificateInUse` alert
 * (key `wrong-cert:<endpointId>:<presentedThumbprint>`). The row, the alert and the audit event commit together.
 */
export async function probeEndpointNow(
  actor: Actor | null,
  endpointId: string,
  deps: ProbeDependencies = {},
): Promise<EndpointProbeOutcome> {
  requirePermission(actor, "diagnostics");
  return recordEndpointProbe(actor, endpointId, deps);
}

/** Who a probe is audited as: a signed-in user, or the background job (`{ username: "system", role: "system" }`). */
export type ProbeAuditActor = Parameters<typeof writeAudit>[1];

/** The probe of {@link probeEndpointNow} without the role check, for the background job (audited as `actor`). */
export async function recordEndpointProbe(
  actor: ProbeAuditActor,
  endpointId: string,
  deps: ProbeDependencies = {},
): Promise<EndpointProbeOutcome> {
  const endpoint = await db.endpoint.findUnique({
    where: { id: endpointId },
    include: { server: { select: { id: true, name: true } } },
  });
  if (!endpoint) throw new AppError("ERR_NOT_FOUND", "No such endpoint.");
  const now = deps.now ?? new Date();
  const trust = await loadTrustContext(db, endpoint.serverId);
  const report = await runProbe(endpoint, trust.trustAnchors, { ...deps, now });

  const basic = presentedLeaf(report);
  const leaf: CertificateRef | null = basic
    ? {
        ...basic,
        known: await db.certificate.findUnique({
          where: { thumbprint: basic.thumbprint },
          select: { id: true, friendlyName: true, status: true },
        }),
      }
    : null;
  const bindings = await db.serviceBinding.findMany({
    where: { serverId: endpoint.serverId, service: endpoint.service },
    orderBy: { createdAt: "desc" },
    include: { certificate: { select: certificateSelect } },
  });
  const bound: CertificateRef[] = bindings.map(({ certificate: c }) => ({
    thumbprint: c.thumbprint,
    subject: c.subject,
    issuer: c.issuer,
    notAfter: c.notAfter.toISOString(),
    known: { id: c.id, friendlyName: c.friendlyName, status: c.status },
  }));
  const wrong = findWrongCertificate(
    { server: endpoint.server.name, service: endpoint.service, target: report.target },
    leaf,
    bound,
    now,
  );
  const stored: StoredProbeReport = {
    ...storedReport(report, now, leaf),
    wrongCertificate: wrong,
    unbound: bound.length === 0,
  };

  const alert = await db.$transaction(async (tx) => {
    const updated = await tx.endpoint.updateMany({
      where: { id: endpoint.id },
      data: {
        lastProbeAt: now,
        lastStatus: report.status,
        lastThumbprint: leaf?.thumbprint ?? null,
        lastReport: stored as object,
      },
    });
    if (updated.count !== 1)
      throw new AppError("ERR_NOT_FOUND", "The endpoint was removed while it was being probed.");
    let created: Awaited<ReturnType<typeof tx.alert.create>> | null = null;
    if (wrong && leaf) {
      const key = `wrong-cert:${endpoint.id}:${leaf.thumbprint}`;
      if (!(await tx.alert.findUnique({ where: { key }, select: { id: true } }))) {
        created = await tx.alert.create({
          data: {
            key,
            kind: "WrongCertificateInUse",
            severity: "error",
            certificateId: wrong.bound[0]!.known?.id ?? null,
            message: wrong.message,
          },
        });
      }
    }
    await writeAudit(tx, actor, {
      action: "endpoint.probe",
      targetType: "endpoint",
      targetId: endpoint.id,
      details: {
        server: endpoint.server.name,
        service: endpoint.service,
        target: report.target,
        status: report.status,
        presented: leaf?.thumbprint ?? null,
        wrongCertificate: Boolean(wrong),
        alertCreated: created !== null,
      },
    });
    return created;
  });
  // A new alert goes out like the monitoring job's: email through the relay and webhook, when configured (never throws).
  if (alert) await deliverAlerts([alert]);
  const alertCreated = alert !== null;
  return { endpointId: endpoint.id, status: report.status, report: stored, alertCreated };
}
