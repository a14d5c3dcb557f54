import { db } from "../db";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";

/**
 * A certificate with where it is installed, what it is bound to, the trust stores holding it and its
 * latest revocation checks. Never includes key material.
 */
export async function getCertificate(actor: Actor | null, idOrThumbprint: string) {
  requirePermission(actor, "read");
  const key = idOrThumbprint.trim();
  const cert = await db.certificate.findFirst({
    where: { OR: [{ id: key }, { thumbprint: key.toUpperCase() }] },
    include: {
      installations: { include: { server: true }, orderBy: { server: { name: "asc" } } },
      bindings: { include: { server: true }, orderBy: [{ server: { name: "asc" } }, { service: "asc" }] },
      trustStoreEntries: { include: { server: true } },
      revocationChecks: { orderBy: { checkedAt: "desc" }, take: 10 },
      privateKey: { select: { algorithm: true, exportable: true } },
    },
  });
  if (!cert) throw new AppError("ERR_NOT_FOUND", `No certificate with id or thumbprint ${key.slice(0, 64)}.`);
  return cert;
}
