import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";

/** Removes an endpoint (its probe history goes with it; alerts already raised stay). Admins only; audited. */
export async function removeEndpoint(actor: Actor | null, endpointId: string) {
  requirePermission(actor, "mutate");
  return db.$transaction(async (tx) => {
    const endpoint = await tx.endpoint.findUnique({
      where: { id: endpointId },
      include: { server: { select: { name: true } } },
    });
    if (!endpoint) throw new AppError("ERR_NOT_FOUND", "No such endpoint.");
    await tx.endpoint.delete({ where: { id: endpoint.id } });
    await writeAudit(tx, actor, {
      action: "endpoint.remove",
      targetType: "endpoint",
      targetId: endpoint.id,
      details: {
        server: endpoint.server.name,
        service: endpoint.service,
        host: endpoint.host,
        port: endpoint.port,
      },
    });
    return { id: endpoint.id };
  });
}
