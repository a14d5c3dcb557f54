import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** Revocation checks per page of the Diagnostics history. */
export const REVOCATION_CHECKS_PAGE_SIZE = 25;

/** One page of the revocation checks across all certificates, newest first, with every attempt recorded. */
export async function listRevocationChecks(actor: Actor | null, page = 1, pageSize = REVOCATION_CHECKS_PAGE_SIZE) {
  requirePermission(actor, "read");
  const [total, items] = await Promise.all([
    db.revocationCheck.count(),
    db.revocationCheck.findMany({
      orderBy: { checkedAt: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { certificate: { select: { id: true, subject: true, friendlyName: true, thumbprint: true } } },
    }),
  ]);
  return { total, items, page, pageSize };
}
