import { db } from "../db";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import { addTrustStoreEntry } from "../trust-stores/add-trust-store-entry";

/** The one-click fix of a hybrid finding: put the chain's root into the server's Third-Party Root store. */
export async function fixHybridRoot(actor: Actor | null, input: { server: string; rootThumbprint: string }) {
  requirePermission(actor, "mutate");
  const root = await db.certificate.findUnique({ where: { thumbprint: input.rootThumbprint.toUpperCase() }, select: { id: true } });
  if (!root) throw new AppError("ERR_NOT_FOUND", "The root certificate is not known to the console.");
  return addTrustStoreEntry(actor, { server: input.server, store: "ThirdPartyRoot", certificateId: root.id });
}
