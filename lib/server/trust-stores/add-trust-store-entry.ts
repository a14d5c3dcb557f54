import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { storeCertificate } from "../certificates/store-certificate";
import { readBundle } from "@/lib/pki/formats/read-bundle";
import { offThreadKdf } from "../security/kdf-worker";
import { describeCertificate } from "@/lib/pki/certificate/description";
import { addTrustStoreEntrySchema } from "@/lib/validations/trust-store";
import { refreshServerCertificates } from "./refresh-server-certificates";

/**
 * Adds a certificate to one of a server's trust stores — an existing one, or the certificates of an uploaded
 * file (the CA certificates if the file holds a chain). Audited; the server's certificates are re-checked so
 * status and RootCAType follow.
 */
export async function addTrustStoreEntry(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const parsed = addTrustStoreEntrySchema.safeParse(input);
  if (!parsed.success) throw new AppError("ERR_VALIDATION", parsed.error.issues.map((i) => i.message).join("; "));
  const { server: serverName, store, certificateId, fileBase64 } = parsed.data;
  const server = await db.server.findUnique({ where: { name: serverName } });
  if (!server) throw new AppError("ERR_NOT_FOUND", `There is no server named ${serverName}.`);
  let ders: Uint8Array[] = [];
  if (fileBase64) {
    const bundle = await readBundle(new Uint8Array(Buffer.from(fileBase64, "base64")), { kdf: offThreadKdf });
    const cas = bundle.certificates.filter((c) => describeCertificate(c.der).IsCa);
    ders = (cas.length ? cas : bundle.certificates).map((c) => c.der);
    if (ders.length === 0) throw new AppError("ERR_NO_CERTIFICATE", "The file holds no certificate.");
  }
  const added = await db.$transaction(async (tx) => {
    const ids = certificateId ? [certificateId] : [];
    for (const der of ders) ids.push((await storeCertificate(tx, { der })).id);
    const rows = [];
    for (const id of ids) {
      const cert = await tx.certificate.findUnique({ where: { id }, select: { id: true, thumbprint: true, subject: true } });
      if (!cert) throw new AppError("ERR_NOT_FOUND", "No such certificate.");
      const exists = await tx.trustStoreEntry.findUnique({ where: { serverId_store_certificateId: { serverId: server.id, store, certificateId: id } } });
      if (exists) continue;
      rows.push(await tx.trustStoreEntry.create({ data: { serverId: server.id, store, certificateId: id } }));
      await writeAudit(tx, actor, { action: "trustStore.add", targetType: "certificate", targetId: cert.thumbprint, details: { server: server.name, store, subject: cert.subject } });
    }
    return rows;
  });
  await refreshServerCertificates([server.id], added.map((r) => r.certificateId));
  return { added: added.length };
}
