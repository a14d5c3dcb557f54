import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { parseInput } from "../certificates/wizard-input";
import { acmeRenewalModeSchema } from "@/lib/validations/acme";

/**
 * The per-certificate renewal setting: `automatic` — the renewal job moves the services to the renewed certificate at
 * once, acting for the admin who chose it (their standing approval, audited); `approval` — it waits for an admin to
 * approve after the renewal impact preview. Audited with the old and new value.
 */
export async function setAcmeRenewalMode(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const data = parseInput(acmeRenewalModeSchema, input);
  const order = await db.acmeOrder.findFirst({ where: { certificateId: data.certificateId, status: "Issued" }, select: { id: true, autoEnableServices: true, certificate: { select: { thumbprint: true } } } });
  if (!order) throw new AppError("ERR_ACME_NOT_ISSUED_HERE", "This certificate was not issued through one of the console's ACME accounts.");
  const autoEnableServices = data.mode === "automatic";
  return db.$transaction(async (tx) => {
    await tx.acmeOrder.update({ where: { id: order.id }, data: { autoEnableServices, ...(autoEnableServices ? { createdById: actor.userId } : {}) } });
    await writeAudit(tx, actor, { action: "acme.renewal.mode", targetType: "certificate", targetId: data.certificateId, details: { thumbprint: order.certificate?.thumbprint, from: order.autoEnableServices ? "automatic" : "approval", to: data.mode } });
    return { certificateId: data.certificateId, mode: data.mode };
  });
}
