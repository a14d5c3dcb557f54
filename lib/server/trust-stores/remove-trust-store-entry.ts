import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { removeTrustStoreEntrySchema } from "@/lib/validations/trust-store";
import { refreshServerCertificates } from "./refresh-server-certificates";

/** Removes a certificate from one server's store (the certificate itself stays known). Audited. */
export async function removeTrustStoreEntry(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const parsed = removeTrustStoreEntrySchema.safeParse(input);
  if (!parsed.success) throw new AppError("ERR_VALIDATION", "Which entry should be removed?");
  const entry = await db.trustStoreEntry.findUnique({ where: { id: parsed.data.entryId }, include: { server: true, certificate: { select: { thumbprint: true, subject: true } } } });
  if (!entry) throw new AppError("ERR_NOT_FOUND", "That trust store entry no longer exists.");
  await db.$transaction(async (tx) => {
    await tx.trustStoreEntry.delete({ where: { id: entry.id } });
    await writeAudit(tx, actor, { action: "trustStore.remove", targetType: "certificate", targetId: entry.certificate.thumbprint, details: { server: entry.server.name, store: entry.store, subject: entry.certificate.subject } });
  });
  await refreshServerCertificates([entry.serverId]);
  return { removed: 1 };
}
