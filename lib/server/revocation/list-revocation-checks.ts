import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** The latest revocation checks across all certificates, with every attempt recorded. */
export async function listRevocationChecks(actor: Actor | null, take = 100) {
  requirePermission(actor, "read");
  return db.revocationCheck.findMany({
    orderBy: { checkedAt: "desc" },
    take,
    include: { certificate: { select: { id: true, subject: true, thumbprint: true } } },
  });
}
