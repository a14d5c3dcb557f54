import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";
import { formatDistinguishedName, parseDistinguishedName } from "@/lib/pki/name/distinguished-name";

/** CN-first, whichever order the request was stored in (requests made before names were stored CN-first). */
function displayName(subject: string): string {
  if (/^\s*CN=/i.test(subject)) return subject;
  try {
    return formatDistinguishedName(parseDistinguishedName(subject));
  } catch {
    return subject;
  }
}

/** Certificate requests (pending first), without their keys; subjects CN-first. */
export async function listRequests(actor: Actor | null) {
  requirePermission(actor, "read");
  const rows = await db.certificateRequest.findMany({
    orderBy: [{ status: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      subject: true,
      domains: true,
      friendlyName: true,
      keyAlgorithm: true,
      publicKeySize: true,
      status: true,
      createdAt: true,
      server: { select: { name: true } },
      createdBy: { select: { username: true } },
      renews: { select: { thumbprint: true } },
    },
  });
  return rows.map((r) => ({ ...r, subject: displayName(r.subject) }));
}
