import { db } from "../db";
import { requirePermission, type Actor } from "../auth/actor";

/** Certificate requests (pending first), without their keys. */
export async function listRequests(actor: Actor | null) {
  requirePermission(actor, "read");
  return db.certificateRequest.findMany({
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
}
