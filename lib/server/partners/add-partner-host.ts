import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { partnerHostInputSchema } from "@/lib/validations/endpoints";

/** Adds a partner mail host of the domain-secured list (e.g. fabrikam.com → mx.fabrikam.com:25, STARTTLS). Admins only; audited. */
export async function addPartnerHost(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const parsed = partnerHostInputSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      "ERR_VALIDATION",
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    );
  const data = parsed.data;
  return db.$transaction(async (tx) => {
    const existing = await tx.partnerHost.findUnique({
      where: { host_port: { host: data.host, port: data.port } },
    });
    if (existing)
      throw new AppError(
        "ERR_CONFLICT",
        `${data.host}:${data.port} is already listed (for ${existing.domain}).`,
      );
    const partner = await tx.partnerHost.create({
      data: { domain: data.domain, host: data.host, port: data.port, starttls: data.starttls },
    });
    await writeAudit(tx, actor, {
      action: "partner.add",
      targetType: "partnerHost",
      targetId: partner.id,
      details: { domain: data.domain, host: data.host, port: data.port, starttls: data.starttls },
    });
    return partner;
  });
}
