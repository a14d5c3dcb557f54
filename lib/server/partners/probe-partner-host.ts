import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { deliverAlerts } from "../alerts/deliver-alerts";
import { loadTrustContext } from "../certificates/trust-context";
import type { ProbeAuditActor } from "../endpoints/probe-endpoint";
import { runProbe, type ProbeDependencies } from "../endpoints/run-probe";
import {
  presentedLeaf,
  storedReport,
  type CertificateRef,
  type StoredProbeReport,
} from "../endpoints/stored-report";

/** Outcome of one partner probe. */
export interface PartnerProbeOutcome {
  partnerId: string;
  status: string;
  report: StoredProbeReport;
  /** True when this probe raised a new `PartnerProblem` alert. */
  alertCreated: boolean;
}

/** Statuses that raise an alert. ConnectionFailed does not: it is as likely to be our own network as the partner. */
const ALERTING = new Set([
  "Revoked",
  "RevocationCheckFailure",
  "DateInvalid",
  "Untrusted",
  "Invalid",
  "NoTls",
]);

/**
 * Probes a partner host now (STARTTLS SMTP by default) — a diagnostic any signed-in user may run — with the console's
 * outbound settings, judging the presented chain against the union of every server's root stores (what the
 * organization's transport servers would trust) and the host name. Stores the report, with the summary an admin
 * can send to the partner, and raises a `PartnerProblem` alert once per host, status and presented certificate.
 */
export async function probePartnerHostNow(
  actor: Actor | null,
  partnerId: string,
  deps: ProbeDependencies = {},
): Promise<PartnerProbeOutcome> {
  requirePermission(actor, "diagnostics");
  return recordPartnerProbe(actor, partnerId, deps);
}

/** The probe of {@link probePartnerHostNow} without the role check, for the background job (audited as `actor`). */
export async function recordPartnerProbe(
  actor: ProbeAuditActor,
  partnerId: string,
  deps: ProbeDependencies = {},
): Promise<PartnerProbeOutcome> {
  const partner = await db.partnerHost.findUnique({ where: { id: partnerId } });
  if (!partner) throw new AppError("ERR_NOT_FOUND", "No such partner host.");
  const now = deps.now ?? new Date();
  const trust = await loadTrustContext(db, null);
  const report = await runProbe(partner, trust.trustAnchors, { ...deps, now });
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
  const stored = storedReport(report, now, leaf);

  const alert = await db.$transaction(async (tx) => {
    const updated = await tx.partnerHost.updateMany({
      where: { id: partner.id },
      data: { lastProbeAt: now, lastStatus: report.status, lastReport: stored as object },
    });
    if (updated.count !== 1)
      throw new AppError("ERR_NOT_FOUND", "The partner host was removed while it was being probed.");
    let created: Awaited<ReturnType<typeof tx.alert.create>> | null = null;
    if (ALERTING.has(report.status)) {
      const key = `partner:${partner.id}:${report.status}:${leaf?.thumbprint ?? "none"}`;
      if (!(await tx.alert.findUnique({ where: { key }, select: { id: true } }))) {
        const severity = report.status === "RevocationCheckFailure" ? "warning" : "error";
        created = await tx.alert.create({
          data: {
            key,
            kind: "PartnerProblem",
            severity,
            certificateId: leaf?.known?.id ?? null,
            message: `Partner ${partner.domain}: ${report.summary}`,
          },
        });
      }
    }
    await writeAudit(tx, actor, {
      action: "partner.probe",
      targetType: "partnerHost",
      targetId: partner.id,
      details: {
        domain: partner.domain,
        target: report.target,
        status: report.status,
        presented: leaf?.thumbprint ?? null,
        alertCreated: created !== null,
      },
    });
    return created;
  });
  // A new alert goes out like the monitoring job's: email through the relay and webhook, when configured (never throws).
  if (alert) await deliverAlerts([alert]);
  const alertCreated = alert !== null;
  return { partnerId: partner.id, status: report.status, report: stored, alertCreated };
}
