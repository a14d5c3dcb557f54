import { db } from "../db";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { crlCache } from "./database-crl-cache";

/**
 * Clears the console's URL cache, as `certutil -urlcache * delete` does on a server: every cached CRL is forgotten,
 * so the next check fetches each CRL again through the current proxy settings. Use it after a CA republished a CRL
 * early (an urgent revocation), or to see whether a proxy fix really works. Admins only; audited with the number
 * of CRLs removed. Another console instance keeps its in-memory copies until their nextUpdate.
 */
export async function clearUrlCache(actor: Actor | null): Promise<{ removed: number }> {
  requirePermission(actor, "mutate");
  const removed = await db.$transaction(async (tx) => {
    const urls = (await tx.crlCacheEntry.findMany({ select: { url: true }, orderBy: { url: "asc" } })).map((r) => r.url);
    await tx.crlCacheEntry.deleteMany({});
    await writeAudit(tx, actor, { action: "revocation.urlCache.clear", targetType: "urlCache", targetId: "CRL", details: { removed: urls.length, urls } });
    return urls.length;
  });
  crlCache.forgetInMemory();
  return { removed };
}
