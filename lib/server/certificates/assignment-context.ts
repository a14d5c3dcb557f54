import type { Tx, Db } from "../db";
import { db } from "../db";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { decideAssignment, type RevocationPolicy } from "@/lib/pki/exchange/assignment-policy";
import { EXCHANGE_STATUSES, type ExchangeStatus } from "@/lib/pki/exchange/status";
import { serviceUnavailableReason } from "@/lib/pki/exchange/server-roles";
import { SERVICES } from "@/lib/validations/domain";
import { ensureFreshStatus } from "./refresh-certificate-status";

/** The certificate's status and the diagnosis behind it: the latest revocation check's summary, else the status reason. */
export async function assignmentFacts(tx: Tx | Db, certificateId: string) {
  const cert = await tx.certificate.findUnique({
    where: { id: certificateId },
    include: {
      installations: { include: { server: { select: { id: true, name: true, fqdn: true, role: true, defaultSmtpCertificateId: true } } }, orderBy: { server: { name: "asc" } } },
      bindings: { include: { server: { select: { name: true } } } },
      revocationChecks: { orderBy: { checkedAt: "desc" }, take: 1 },
    },
  });
  if (!cert) throw new AppError("ERR_NOT_FOUND", `No certificate with id ${certificateId.slice(0, 64)}.`);
  const settings = await tx.setting.findUnique({ where: { id: 1 }, select: { revocationPolicy: true } });
  const policy: RevocationPolicy = settings?.revocationPolicy === "warnButAllow" ? "warnButAllow" : "strict";
  const status: ExchangeStatus = (EXCHANGE_STATUSES as readonly string[]).includes(cert.status) ? (cert.status as ExchangeStatus) : "Unknown";
  const latest = cert.revocationChecks[0];
  const diagnosis = (latest && latest.status === status ? latest.summary : "") || cert.statusReason;
  const revocationChecked = cert.revocationCheckedAt !== null;
  return { cert, policy, status, diagnosis, revocationChecked, statusVersion: cert.statusVersion };
}

/**
 * What the Assign Services wizard shows before anything is submitted: the current revocation policy, the
 * certificate's status with its diagnosis (re-checked first when never revocation-checked or older than the
 * freshness window), the decision (without acknowledgement), the servers it is installed on with their default
 * SMTP certificate, the services already bound, and the services each server's role does not run, with the reason.
 */
export async function getAssignmentContext(actor: Actor | null, certificateId: string) {
  requirePermission(actor, "read");
  await ensureFreshStatus(certificateId);
  const { cert, policy, status, diagnosis, revocationChecked } = await assignmentFacts(db, certificateId);
  const defaults = await db.certificate.findMany({
    where: { id: { in: cert.installations.map((i) => i.server.defaultSmtpCertificateId).filter((x): x is string => Boolean(x)) } },
    select: { id: true, thumbprint: true, subject: true, notAfter: true },
  });
  return {
    certificate: { id: cert.id, thumbprint: cert.thumbprint, subject: cert.subject, friendlyName: cert.friendlyName, status, statusReason: cert.statusReason, domains: (cert.domains as string[]) ?? [], hasPrivateKey: Boolean(cert.privateKeyId) },
    policy,
    diagnosis,
    decision: decideAssignment({ status, policy, acknowledged: false, diagnosis, revocationChecked }),
    isWildcard: ((cert.domains as string[]) ?? []).some((d) => d.startsWith("*.")),
    servers: cert.installations.map((i) => {
      const d = defaults.find((x) => x.id === i.server.defaultSmtpCertificateId);
      return {
        id: i.server.id,
        name: i.server.name,
        hasPrivateKey: i.hasPrivateKey,
        services: cert.bindings.filter((b) => b.serverId === i.server.id).map((b) => b.service),
        defaultSmtp: d && d.id !== cert.id ? { thumbprint: d.thumbprint, subject: d.subject, notAfter: d.notAfter.toISOString() } : null,
        isDefaultSmtp: i.server.defaultSmtpCertificateId === cert.id,
        role: i.server.role,
        unavailable: SERVICES.flatMap((service) => {
          const reason = serviceUnavailableReason(i.server.name, i.server.role, service);
          return reason ? [{ service, reason }] : [];
        }),
      };
    }),
  };
}
