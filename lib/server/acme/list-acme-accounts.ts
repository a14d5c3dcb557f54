import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** The ACME accounts, for Settings → Certificate authorities (helpdesk may read; no key material is selected). */
export async function listAcmeAccounts(actor: Actor | null) {
  requirePermission(actor, "read");
  const rows = await db.acmeAccount.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, directoryUrl: true, contactEmail: true, termsAccepted: true, eabKeyId: true, accountUrl: true, dnsUpdateServer: true, tsigKeyName: true, tsigAlgorithm: true, directoryCaPem: true, deactivatedAt: true, createdAt: true },
  });
  return rows.map(({ directoryCaPem, ...row }) => ({ ...row, eab: row.eabKeyId !== "", privateDirectoryCa: directoryCaPem !== "", rfc2136: row.dnsUpdateServer !== "" }));
}
