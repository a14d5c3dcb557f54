import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { parseInput } from "../certificates/wizard-input";
import { acmeApproveRenewalSchema } from "@/lib/validations/acme";
import { movePredecessorServices, predecessorServices } from "./move-predecessor-services";

/**
 * Approves a pending ACME renewal (after its renewal impact preview): the predecessor's services move to the renewed
 * certificate on each server through Enable-ExchangeCertificate (revocation policy and acknowledgement as for any
 * assignment), the approval alert is resolved; audited.
 */
export async function approveAcmeRenewal(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const data = parseInput(acmeApproveRenewalSchema, input);
  const order = await db.acmeOrder.findFirst({ where: { certificateId: data.certificateId, status: "Issued", renewsCertificateId: { not: null } }, select: { renewsCertificateId: true, certificate: { select: { thumbprint: true } }, renews: { select: { thumbprint: true } } } });
  if (!order?.renewsCertificateId) throw new AppError("ERR_ACME_NOTHING_TO_APPROVE", "This certificate is not an ACME renewal.");
  const { services } = await predecessorServices(order.renewsCertificateId, data.certificateId);
  if (services.length === 0) throw new AppError("ERR_ACME_NOTHING_TO_APPROVE", "The renewed certificate already serves everything its predecessor did.");
  const moved = await movePredecessorServices(actor, order.renewsCertificateId, data.certificateId, data.acknowledged);
  await db.$transaction(async (tx) => {
    await tx.alert.updateMany({ where: { certificateId: data.certificateId, kind: "AcmeRenewalApproval", resolvedAt: null }, data: { resolvedAt: new Date() } });
    await writeAudit(tx, actor, { action: "acme.renewal.approve", targetType: "certificate", targetId: data.certificateId, details: { thumbprint: order.certificate?.thumbprint, renews: order.renews?.thumbprint, services: moved } });
  });
  return { certificateId: data.certificateId, services: moved };
}
