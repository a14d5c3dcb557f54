import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { endpointInputSchema } from "@/lib/validations/endpoints";

/** Adds a service endpoint of a server (e.g. EXCAS1 IIS = mail.contoso.com:443) to be probed. Admins only; audited. */
export async function addEndpoint(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const parsed = endpointInputSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      "ERR_VALIDATION",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    );
  const data = parsed.data;
  return db.$transaction(async (tx) => {
    const server = await tx.server.findUnique({
      where: { id: data.serverId },
      select: { id: true, name: true },
    });
    if (!server) throw new AppError("ERR_NOT_FOUND", "No such server.");
    const existing = await tx.endpoint.findUnique({
      where: {
        serverId_service_host_port: {
          serverId: server.id,
          service: data.service,
          host: data.host,
          port: data.port,
        },
      },
    });
    if (existing)
      throw new AppError(
        "ERR_CONFLICT",
        `${server.name} ${data.service} already has the endpoint ${data.host}:${data.port}.`,
      );
    const endpoint = await tx.endpoint.create({
      data: {
        serverId: server.id,
        service: data.service,
        host: data.host,
        port: data.port,
        starttls: data.starttls,
      },
    });
    await writeAudit(tx, actor, {
      action: "endpoint.add",
      targetType: "endpoint",
      targetId: endpoint.id,
      details: {
        server: server.name,
        service: data.service,
        host: data.host,
        port: data.port,
        starttls: data.starttls,
      },
    });
    return endpoint;
  });
}
