import { db } from "../db";
import { refreshCertificateStatus } from "../certificates/refresh-certificate-status";
import { revocationCheckerFromSettings } from "../revocation/revocation-checker";

/**
 * After a trust store changed, recomputes status and RootCAType of every certificate installed on the given
 * servers (with revocation; CRLs mostly come from the cache).
 */
export async function refreshServerCertificates(serverIds: string[]): Promise<number> {
  const installs = await db.certificateInstallation.findMany({ where: { serverId: { in: serverIds } }, select: { certificateId: true }, distinct: ["certificateId"] });
  const { checker, fetcher } = await revocationCheckerFromSettings();
  for (const { certificateId } of installs) await refreshCertificateStatus(certificateId, new Date(), checker, fetcher);
  return installs.length;
}
