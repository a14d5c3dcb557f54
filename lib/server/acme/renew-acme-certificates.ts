import { db } from "../db";
import type { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { writeAudit } from "../audit";
import { chooseRenewalTime } from "@/lib/pki/certificate/renewal-window";
import { KEY_CHOICES, type KeyChoice } from "@/lib/validations/certificate-wizards";
import { enableServices } from "../certificates/enable-services";
import { fetchRenewalInfo } from "./fetch-renewal-info";
import { issueAs } from "./issue-acme-certificate";

const SYSTEM = { username: "system", role: "system" } as const;

/** What the job did with one ACME-issued certificate. */
export interface RenewalOutcome {
  certificateId: string;
  thumbprint: string;
  action: "notDue" | "renewed" | "failed" | "needsAdmin";
  renewAt: Date;
  reason: string;
  renewedAs?: string;
  servicesEnabled?: boolean;
  error?: string;
}

async function raise(certificateId: string, key: string, kind: string, severity: "warning" | "error", message: string) {
  if (await db.alert.findUnique({ where: { key }, select: { id: true } })) return null;
  return db.alert.create({ data: { key, kind, severity, certificateId, message, deliveries: [] } });
}

/**
 * The ACME renewal job's work: for every certificate issued through ACME (not revoked, not yet followed by a renewal)
 * the renewal time comes from the CA's ACME Renewal Information (RFC 9773) when offered, else two thirds of the
 * lifetime. When due, a new order with the same identifiers is answered by the account's RFC 2136 solver and the new
 * certificate is installed on the same servers. The predecessor's services then move to it on each server through
 * Enable-ExchangeCertificate when the certificate's `autoEnableServices` setting says so (acting for the admin who
 * chose it, audited), else an alert asks an admin to approve. A failure raises an error alert with the CA's problem in
 * words, delivered like the expiry alerts. Returns the alerts raised for delivery with the outcomes.
 */
export async function renewAcmeCertificates(now = new Date(), random: () => number = Math.random) {
  const orders = await db.acmeOrder.findMany({
    where: { status: "Issued", revokedAt: null, certificateId: { not: null } },
    include: {
      account: true,
      privateKey: { select: { algorithm: true, exportable: true } },
      certificate: { select: { id: true, der: true, thumbprint: true, friendlyName: true, notBefore: true, notAfter: true, bindings: { select: { serverId: true, service: true } }, defaultSmtpOn: { select: { id: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  const outcomes: RenewalOutcome[] = [];
  const alerts = [];
  for (const order of orders) {
    const cert = order.certificate;
    if (!cert) continue;
    const followed = await db.acmeOrder.count({ where: { renewsCertificateId: cert.id, status: { in: ["Issued", "AwaitingConfirmation"] } } });
    if (followed) continue;
    const ari = await fetchRenewalInfo(order.account, new Uint8Array(cert.der));
    const decision = chooseRenewalTime(cert, ari.info, random());
    const base = { certificateId: cert.id, thumbprint: cert.thumbprint, renewAt: decision.renewAt, reason: decision.reason };
    if (now < decision.renewAt) {
      outcomes.push({ ...base, action: "notDue" });
      continue;
    }
    if (order.solver !== "rfc2136" || !order.account.dnsUpdateServer) {
      const alert = await raise(cert.id, `acme-renewal-manual:${cert.id}`, "AcmeRenewalNeedsAdmin", "warning", `${cert.friendlyName || cert.thumbprint} is due for renewal (${decision.reason}) but was issued with the manual DNS solver: renew it from the New Certificate wizard.`);
      if (alert) alerts.push(alert);
      outcomes.push({ ...base, action: "needsAdmin" });
      continue;
    }
    const domains = order.domains as string[];
    const serverIds = order.serverIds as string[];
    const key = (KEY_CHOICES as readonly string[]).includes(order.privateKey.algorithm) ? (order.privateKey.algorithm as KeyChoice) : "RSA-2048";
    try {
      const issued = await issueAs(
        SYSTEM,
        { accountId: order.accountId, serverIds, friendlyName: order.friendlyName, commonName: domains[0], domains, key, exportable: order.privateKey.exportable, solver: "rfc2136", autoEnableServices: order.autoEnableServices },
        { renewsCertificateId: cert.id, createdById: order.createdById },
      );
      if (issued.status !== "Issued") throw new Error("the renewal order was not issued");
      const renewedId = issued.certificate.id;
      const services = await followPredecessor(order, cert, renewedId);
      if (!services.enabled && services.pending.length) {
        const alert = await raise(renewedId, `acme-renewal-approval:${renewedId}`, "AcmeRenewalApproval", "warning", `${cert.friendlyName || cert.thumbprint} was renewed through ACME as ${issued.certificate.thumbprint} and installed on the same servers; approve moving ${services.pending.join(", ")} to it (Enable services).${services.refusal ? ` It was not moved automatically: ${services.refusal}` : ""}`);
        if (alert) alerts.push(alert);
      }
      await db.alert.updateMany({ where: { certificateId: cert.id, kind: "AcmeRenewalFailed", resolvedAt: null }, data: { resolvedAt: now } });
      outcomes.push({ ...base, action: "renewed", renewedAs: renewedId, servicesEnabled: services.enabled });
    } catch (error) {
      const e = error as AppError;
      const alert = await raise(cert.id, `acme-renewal-failed:${cert.id}:${now.toISOString().slice(0, 10)}`, "AcmeRenewalFailed", "error", `Renewal of ${cert.friendlyName || cert.thumbprint} through ACME failed (${e.code ?? "error"}): ${e.message}`);
      if (alert) alerts.push(alert);
      outcomes.push({ ...base, action: "failed", error: e.message });
    }
  }
  return { outcomes, alerts };
}

/**
 * Moves the predecessor's services to the renewed certificate on each server, through the same Enable-ExchangeCertificate
 * use-case an admin uses, acting for the admin who ordered the certificate and chose `autoEnableServices`; otherwise
 * leaves them for an admin's approval.
 */
async function followPredecessor(
  order: { autoEnableServices: boolean; createdById: string | null },
  cert: { bindings: Array<{ serverId: string; service: string }>; defaultSmtpOn: Array<{ id: string }> },
  renewedId: string,
): Promise<{ enabled: boolean; pending: string[]; refusal?: string }> {
  const byServer = new Map<string, string[]>();
  for (const b of cert.bindings) byServer.set(b.serverId, [...(byServer.get(b.serverId) ?? []), b.service]);
  const pending = [...new Set(cert.bindings.map((b) => b.service))];
  if (!order.autoEnableServices || byServer.size === 0) return { enabled: false, pending };
  const user = order.createdById ? await db.user.findUnique({ where: { id: order.createdById }, select: { id: true, username: true, role: true } }) : null;
  if (!user || user.role !== "admin") return { enabled: false, pending };
  const actor: Actor = { userId: user.id, username: user.username, role: "admin" };
  try {
    for (const [serverId, services] of byServer) {
      // The per-certificate setting is the admin's standing approval: under "warn but allow" it acknowledges the warning
      // (recorded below); under "strict" a refused assignment waits for the admin like any other.
      await enableServices(actor, { certificateId: renewedId, serverIds: [serverId], services, acknowledged: true, replaceDefaultSmtp: cert.defaultSmtpOn.some((s) => s.id === serverId) });
    }
  } catch (error) {
    return { enabled: false, pending, refusal: (error as Error).message };
  }
  await writeAudit(db, actor, { action: "acme.renewal.autoEnable", targetType: "certificate", targetId: renewedId, details: { setting: "autoEnableServices", services: pending, onBehalfOf: actor.username } });
  return { enabled: true, pending: [] };
}
