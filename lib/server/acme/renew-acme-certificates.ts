import { db } from "../db";
import type { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { writeAudit } from "../audit";
import { chooseRenewalTime } from "@/lib/pki/certificate/renewal-window";
import { KEY_CHOICES, type KeyChoice } from "@/lib/validations/certificate-wizards";
import { movePredecessorServices, predecessorServices } from "./move-predecessor-services";
import { fetchRenewalInfo } from "./fetch-renewal-info";
import { issueAs } from "./issue-acme-certificate";
import type { AcmeActor } from "./acme-issuance";

const SYSTEM: AcmeActor = { username: "system", role: "system" };

/** What the job did with one ACME-issued certificate. */
export interface RenewalOutcome {
  certificateId: string;
  thumbprint: string;
  action: "notDue" | "renewed" | "failed" | "needsAdmin";
  renewAt: Date;
  reason: string;
  renewedAs?: string;
  servicesEnabled?: boolean;
  /** Services still on the predecessor, waiting for an admin's approval. */
  pendingServices?: string[];
  error?: string;
  errorCode?: string;
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
  const orders = await findRenewableOrders();
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
    const { outcome, alert } = await renewIssuedOrder(SYSTEM, order, cert, base, now);
    if (alert) alerts.push(alert);
    outcomes.push(outcome);
  }
  return { outcomes, alerts };
}

/** An issued order with what the renewal needs. */
export type RenewableOrder = Awaited<ReturnType<typeof findRenewableOrders>>[number];

/** The orders whose certificate may be renewed (issued, not revoked); one certificate's with `certificateId`. */
export function findRenewableOrders(certificateId?: string) {
  return db.acmeOrder.findMany({
    where: { status: "Issued", revokedAt: null, certificateId: certificateId ?? { not: null } },
    include: {
      account: true,
      privateKey: { select: { algorithm: true, exportable: true } },
      certificate: { select: { id: true, der: true, thumbprint: true, friendlyName: true, notBefore: true, notAfter: true } },
    },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Renews one issued order now (the job when due, or an admin's Renew): a new order with the same identifiers answered
 * by the account's RFC 2136 solver, installed on the same servers, the services following per the certificate's
 * setting. A manual-solver certificate raises a "renew it from the wizard" alert; a failure an error alert.
 */
export async function renewIssuedOrder(actor: AcmeActor, order: RenewableOrder, cert: { id: string; thumbprint: string; friendlyName: string }, base: Omit<RenewalOutcome, "action">, now: Date) {
  if (order.solver !== "rfc2136" || !order.account.dnsUpdateServer) {
    const alert = await raise(cert.id, `acme-renewal-manual:${cert.id}`, "AcmeRenewalNeedsAdmin", "warning", `${cert.friendlyName || cert.thumbprint} is due for renewal (${base.reason}) but was issued with the manual DNS solver: renew it from the New Certificate wizard.`);
    return { outcome: { ...base, action: "needsAdmin" as const }, alert };
  }
  const domains = order.domains as string[];
  const serverIds = order.serverIds as string[];
  const key = (KEY_CHOICES as readonly string[]).includes(order.privateKey.algorithm) ? (order.privateKey.algorithm as KeyChoice) : "RSA-2048";
  try {
    const issued = await issueAs(
      actor,
      { accountId: order.accountId, serverIds, friendlyName: order.friendlyName, commonName: domains[0], domains, key, exportable: order.privateKey.exportable, solver: "rfc2136", autoEnableServices: order.autoEnableServices },
      { renewsCertificateId: cert.id, createdById: order.createdById },
    );
    if (issued.status !== "Issued") throw new Error("the renewal order was not issued");
    const renewedId = issued.certificate.id;
    const services = await followPredecessor(order, cert, renewedId);
    let alert = null;
    if (!services.enabled && services.pending.length) {
      alert = await raise(renewedId, `acme-renewal-approval:${renewedId}`, "AcmeRenewalApproval", "warning", `${cert.friendlyName || cert.thumbprint} was renewed through ACME as ${issued.certificate.thumbprint} and installed on the same servers; approve moving ${services.pending.join(", ")} to it (Enable services).${services.refusal ? ` It was not moved automatically: ${services.refusal}` : ""}`);
    }
    await db.alert.updateMany({ where: { certificateId: cert.id, kind: "AcmeRenewalFailed", resolvedAt: null }, data: { resolvedAt: now } });
    return { outcome: { ...base, action: "renewed" as const, renewedAs: renewedId, servicesEnabled: services.enabled, pendingServices: services.pending }, alert };
  } catch (error) {
    const e = error as AppError;
    const alert = await raise(cert.id, `acme-renewal-failed:${cert.id}:${now.toISOString().slice(0, 10)}`, "AcmeRenewalFailed", "error", `Renewal of ${cert.friendlyName || cert.thumbprint} through ACME failed (${e.code ?? "error"}): ${e.message}`);
    return { outcome: { ...base, action: "failed" as const, error: e.message, errorCode: e.code ?? "ERR_ACME_PROBLEM" }, alert };
  }
}

/**
 * Moves the predecessor's services to the renewed certificate, acting for the admin who ordered the certificate and
 * chose `autoEnableServices`; otherwise leaves them for an admin's approval.
 */
async function followPredecessor(order: { autoEnableServices: boolean; createdById: string | null }, cert: { id: string }, renewedId: string): Promise<{ enabled: boolean; pending: string[]; refusal?: string }> {
  const { byServer, services: pending } = await predecessorServices(cert.id);
  if (!order.autoEnableServices || byServer.size === 0) return { enabled: false, pending };
  const user = order.createdById ? await db.user.findUnique({ where: { id: order.createdById }, select: { id: true, username: true, role: true } }) : null;
  if (!user || user.role !== "admin") return { enabled: false, pending };
  const actor: Actor = { userId: user.id, username: user.username, role: "admin" };
  try {
    // The per-certificate setting is the admin's standing approval: under "warn but allow" it acknowledges the warning
    // (recorded below); under "strict" a refused assignment waits for the admin like any other.
    await movePredecessorServices(actor, cert.id, renewedId, true);
  } catch (error) {
    return { enabled: false, pending, refusal: (error as Error).message };
  }
  await writeAudit(db, actor, { action: "acme.renewal.autoEnable", targetType: "certificate", targetId: renewedId, details: { setting: "autoEnableServices", services: pending, onBehalfOf: actor.username } });
  return { enabled: true, pending: [] };
}
