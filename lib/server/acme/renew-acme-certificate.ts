import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { parseInput } from "../certificates/wizard-input";
import { acmeRenewSchema } from "@/lib/validations/acme";
import { deliverAlerts } from "../alerts/deliver-alerts";
import { findRenewableOrders, renewIssuedOrder } from "./renew-acme-certificates";

/**
 * Renew now (Settings → Certificate authorities, `certctl acme renew`): renews one ACME-issued certificate at once,
 * whatever its renewal window, exactly as the renewal job would (same identifiers, same servers, its services moved
 * per the certificate's setting or left for approval). Refused for a certificate not issued through ACME here, revoked,
 * or already renewed. A CA or DNS failure is returned as the error, with the alert raised and delivered like the job's.
 */
export async function renewAcmeCertificate(actor: Actor | null, input: unknown, now = new Date()) {
  requirePermission(actor, "mutate");
  const { certificateId } = parseInput(acmeRenewSchema, input);
  const cert = await db.certificate.findFirst({ where: { OR: [{ id: certificateId }, { thumbprint: certificateId.toUpperCase() }] }, select: { id: true } });
  const [order] = cert ? await findRenewableOrders(cert.id) : [];
  if (!order?.certificate) throw new AppError("ERR_ACME_NOT_ISSUED_HERE", "This certificate was not issued through one of the console's ACME accounts (or it was revoked), so it cannot be renewed through ACME.");
  const followed = await db.acmeOrder.findFirst({ where: { renewsCertificateId: order.certificate.id, status: { in: ["Issued", "AwaitingConfirmation"] } }, select: { certificate: { select: { thumbprint: true } } } });
  if (followed) throw new AppError("ERR_ACME_ALREADY_RENEWED", `This certificate was already renewed${followed.certificate ? ` as ${followed.certificate.thumbprint}` : " (an order waits for its DNS records)"}.`);
  const cert0 = order.certificate;
  const { outcome, alert } = await renewIssuedOrder(actor, order, cert0, { certificateId: cert0.id, thumbprint: cert0.thumbprint, renewAt: now, reason: `renewed on request by ${actor.username}` }, now);
  if (alert) await deliverAlerts([alert]);
  if (outcome.action === "failed") throw new AppError(outcome.errorCode ?? "ERR_ACME_PROBLEM", outcome.error ?? "The renewal failed.");
  if (outcome.action === "needsAdmin") {
    await writeAudit(db, actor, { action: "acme.certificate.renew", targetType: "certificate", targetId: cert0.id, outcome: "refused", details: { reason: "manual solver" } });
    throw new AppError("ERR_ACME_NO_DNS_UPDATE", "This certificate was issued with the manual DNS solver: renew it from the New Certificate wizard (Issue from an ACME CA), which shows the TXT records to publish.");
  }
  const renewed = await db.certificate.findUniqueOrThrow({ where: { id: outcome.renewedAs! }, select: { id: true, thumbprint: true, notAfter: true } });
  return { renews: cert0.thumbprint, certificate: renewed, servicesEnabled: outcome.servicesEnabled ?? false, pendingServices: outcome.pendingServices ?? [] };
}
