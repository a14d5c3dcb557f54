import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";

/** Mutes or unmutes a certificate's alerts (e.g. auto-renewed certificates). Audited. */
export async function setAlertsMuted(actor: Actor | null, input: { certificateId: string; muted: boolean }) {
  requirePermission(actor, "mutate");
  const cert = await db.certificate.findUnique({ where: { id: input.certificateId }, select: { id: true, thumbprint: true } });
  if (!cert) throw new AppError("ERR_NOT_FOUND", "No such certificate.");
  return db.$transaction(async (tx) => {
    await tx.certificate.update({ where: { id: cert.id }, data: { alertsMuted: input.muted } });
    await writeAudit(tx, actor, { action: input.muted ? "alert.mute" : "alert.unmute", targetType: "certificate", targetId: cert.thumbprint });
    return { muted: input.muted };
  });
}
