import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { serverDrift } from "../inventory/get-server-drift";

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

/** The servers with their last inventory (when, by whom) and how many differences it shows. */
export async function listServersWithInventory(actor: Actor | null) {
  const servers = await listServers(actor);
  return Promise.all(
    servers.map(async (s) => {
      const drift = await serverDrift(db, s.name);
      return { ...s, lastInventory: drift.lastInventory, driftCount: drift.items.length };
    }),
  );
}
