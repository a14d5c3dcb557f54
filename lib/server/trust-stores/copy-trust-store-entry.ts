import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { copyTrustStoreEntrySchema } from "@/lib/validations/trust-store";
import { refreshServerCertificates } from "./refresh-server-certificates";

/** Copies one entry to the same store on other servers (those that already have it are skipped). Audited. */
export async function copyTrustStoreEntry(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const parsed = copyTrustStoreEntrySchema.safeParse(input);
  if (!parsed.success) throw new AppError("ERR_VALIDATION", "Pick at least one server to copy to.");
  const entry = await db.trustStoreEntry.findUnique({ where: { id: parsed.data.entryId }, include: { server: true, certificate: { select: { thumbprint: true, subject: true } } } });
  if (!entry) throw new AppError("ERR_NOT_FOUND", "That trust store entry no longer exists.");
  const targets = await db.server.findMany({ where: { name: { in: parsed.data.servers } } });
  if (targets.length !== new Set(parsed.data.servers).size) throw new AppError("ERR_NOT_FOUND", "One of the servers does not exist.");
  const copiedTo = await db.$transaction(async (tx) => {
    const names: string[] = [];
    for (const target of targets) {
      const key = { serverId: target.id, store: entry.store, certificateId: entry.certificateId };
      if (await tx.trustStoreEntry.findUnique({ where: { serverId_store_certificateId: key } })) continue;
      await tx.trustStoreEntry.create({ data: key });
      names.push(target.name);
    }
    await writeAudit(tx, actor, { action: "trustStore.copy", targetType: "certificate", targetId: entry.certificate.thumbprint, details: { from: entry.server.name, to: names, store: entry.store } });
    return names;
  });
  await refreshServerCertificates(targets.map((t) => t.id));
  return { copiedTo };
}
