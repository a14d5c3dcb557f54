import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** How many CRLs the console's URL cache holds (Diagnostics shows it beside "Clear the URL cache"). */
export async function countCachedCrls(actor: Actor | null): Promise<number> {
  requirePermission(actor, "read");
  return db.crlCacheEntry.count();
}
