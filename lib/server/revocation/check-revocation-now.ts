import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { refreshCertificateStatus } from "../certificates/refresh-certificate-status";
import { revocationCheckerFromSettings } from "./revocation-checker";

/**
 * Re-checks one certificate's chain and revocation now, with the console's proxy settings, and records the
 * result. A diagnostic, not a change to configuration: helpdesk may run it too (it is audited).
 */
export async function checkRevocationNow(actor: Actor | null, certificateId: string) {
  requirePermission(actor, "read");
  const cert = await db.certificate.findUnique({ where: { id: certificateId }, select: { id: true, thumbprint: true } });
  if (!cert) throw new AppError("ERR_NOT_FOUND", "No such certificate.");
  const { checker, fetcher } = await revocationCheckerFromSettings();
  const outcome = await refreshCertificateStatus(cert.id, new Date(), checker, fetcher);
  await writeAudit(db, actor, {
    action: "revocation.check",
    targetType: "certificate",
    targetId: cert.thumbprint,
    details: { status: outcome.status },
  });
  return { status: outcome.status, reason: outcome.reason };
}
