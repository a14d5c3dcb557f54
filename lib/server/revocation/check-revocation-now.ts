import { db } from "../db";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { refreshCertificateStatus } from "../certificates/refresh-certificate-status";
import { revocationCheckerFromSettings } from "./revocation-checker";

/**
 * Re-checks one certificate's chain and revocation now, with the console's proxy settings, and records the
 * result. A diagnostic, not a change to configuration: helpdesk may run it too (it is audited).
 */
export async function checkRevocationNow(actor: Actor | null, certificateId: string) {
  requirePermission(actor, "diagnostics");
  const cert = await db.certificate.findUnique({ where: { id: certificateId }, select: { id: true, thumbprint: true } });
  if (!cert) throw new AppError("ERR_NOT_FOUND", "No such certificate.");
  const { checker, fetcher } = await revocationCheckerFromSettings();
  // The status write and its audit row (from → to) commit in one transaction.
  const outcome = await refreshCertificateStatus(cert.id, new Date(), checker, fetcher, { actor, action: "revocation.check" });
  return { status: outcome.status, reason: outcome.reason };
}
