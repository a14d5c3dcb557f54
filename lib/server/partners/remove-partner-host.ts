import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";

/** Removes a partner host from the list. Admins only; audited. */
export async function removePartnerHost(actor: Actor | null, partnerId: string) {
  requirePermission(actor, "mutate");
  return db.$transaction(async (tx) => {
    const partner = await tx.partnerHost.findUnique({ where: { id: partnerId } });
    if (!partner) throw new AppError("ERR_NOT_FOUND", "No such partner host.");
    await tx.partnerHost.delete({ where: { id: partner.id } });
    await writeAudit(tx, actor, {
      action: "partner.remove",
      targetType: "partnerHost",
      targetId: partner.id,
      details: { domain: partner.domain, host: partner.host, port: partner.port },
    });
    return { id: partner.id };
  });
}
