import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** The organization's Exchange servers with counts of installed certificates and bindings. */
export async function listServers(actor: Actor | null) {
  requirePermission(actor, "read");
  return db.server.findMany({
    orderBy: { name: "asc" },
    include: {
      defaultSmtpCertificate: { select: { thumbprint: true, subject: true } },
      _count: { select: { installations: true, bindings: true, trustStoreEntries: true } },
    },
  });
}
