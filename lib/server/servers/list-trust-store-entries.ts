import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** Trust store contents of every server (or one), grouped by the caller. */
export async function listTrustStoreEntries(actor: Actor | null, serverName?: string) {
  requirePermission(actor, "read");
  return db.trustStoreEntry.findMany({
    where: serverName ? { server: { name: serverName } } : {},
    orderBy: [{ server: { name: "asc" } }, { store: "asc" }],
    include: {
      server: { select: { name: true } },
      certificate: { select: { id: true, thumbprint: true, subject: true, notAfter: true, status: true } },
    },
  });
}
