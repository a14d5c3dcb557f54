import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { parseInput } from "../certificates/wizard-input";
import { toPem } from "@/lib/pki/formats/pem";
import { ACME_REVOCATION_REASONS, acmeRevokeSchema } from "@/lib/validations/acme";
import { withAcmeAccount } from "./acme-session";

/**
 * Revokes a certificate the console issued through ACME (RFC 8555 §7.6), signed with the ordering account's key and
 * with an RFC 5280 reason code. The order records when and why; the CA's refusal (e.g. already revoked) is shown in
 * words and audited as failed. Certificates not issued through ACME are refused with `ERR_ACME_NOT_ISSUED_HERE`.
 */
export async function revokeAcmeCertificate(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const data = parseInput(acmeRevokeSchema, input);
  const order = await db.acmeOrder.findFirst({ where: { certificateId: data.certificateId, status: "Issued" }, include: { account: true, certificate: { select: { der: true, thumbprint: true, subject: true } } } });
  if (!order?.certificate) throw new AppError("ERR_ACME_NOT_ISSUED_HERE", "This certificate was not issued through one of the console's ACME accounts, so it cannot be revoked from here.");
  if (order.revokedAt) throw new AppError("ERR_ACME_ALREADY_REVOKED", `This certificate was revoked through ACME on ${order.revokedAt.toISOString()}.`);
  const reasonCode = ACME_REVOCATION_REASONS[data.reason];
  const certificate = order.certificate;
  const details = { account: order.account.name, thumbprint: certificate.thumbprint, subject: certificate.subject, reason: data.reason, reasonCode };
  try {
    await withAcmeAccount(order.account, "Revoking the certificate", (client) => client.revokeCertificate(toPem(new Uint8Array(certificate.der), "CERTIFICATE"), { reason: reasonCode }));
  } catch (error) {
    const e = error as AppError;
    await writeAudit(db, actor, { action: "acme.certificate.revoke", targetType: "certificate", targetId: data.certificateId, outcome: "failed", details: { ...details, code: e.code, message: e.message } });
    throw error;
  }
  const revokedAt = new Date();
  await db.$transaction(async (tx) => {
    await tx.acmeOrder.update({ where: { id: order.id }, data: { revokedAt, revocationReason: reasonCode } });
    await writeAudit(tx, actor, { action: "acme.certificate.revoke", targetType: "certificate", targetId: data.certificateId, details });
  });
  return { certificateId: data.certificateId, thumbprint: certificate.thumbprint, reason: data.reason, reasonCode, revokedAt };
}
