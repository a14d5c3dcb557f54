import { db } from "../db";
import { refreshCertificateStatus } from "../certificates/refresh-certificate-status";
import { revocationCheckerFromSettings } from "../revocation/revocation-checker";

/**
 * After a trust store changed, recomputes status and RootCAType of every certificate installed on the given
 * servers, and of the certificates just added to a store (an uploaded root gets its real status instead of
 * Unknown), with revocation; CRLs mostly come from the cache.
 */
export async function refreshServerCertificates(serverIds: string[], addedCertificateIds: string[] = []): Promise<number> {
  const installs = await db.certificateInstallation.findMany({ where: { serverId: { in: serverIds } }, select: { certificateId: true }, distinct: ["certificateId"] });
  const ids = [...new Set([...installs.map((i) => i.certificateId), ...addedCertificateIds])];
  const { checker, fetcher } = await revocationCheckerFromSettings();
  for (const id of ids) await refreshCertificateStatus(id, new Date(), checker, fetcher);
  return ids.length;
}
