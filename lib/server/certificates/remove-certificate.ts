import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { removeCertificateSchema } from "@/lib/validations/certificate-wizards";
import { removeCommand } from "@/lib/pki/exchange/ems";
import { parseInput } from "./wizard-input";

/**
 * Remove-ExchangeCertificate on the chosen servers, after confirmation. Refused with `ERR_CERT_IN_USE` while the
 * certificate is bound to a service (or is the default SMTP certificate) on one of them, naming which. When no
 * server holds it any more (and no trust store does), the certificate and its private key are deleted.
 */
export async function removeCertificate(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const data = parseInput(removeCertificateSchema, input);
  const cert = await db.certificate.findUnique({
    where: { id: data.certificateId },
    include: {
      installations: { include: { server: { select: { id: true, name: true, defaultSmtpCertificateId: true } } } },
      bindings: { include: { server: { select: { name: true } } } },
      trustStoreEntries: { select: { id: true, serverId: true } },
    },
  });
  if (!cert) throw new AppError("ERR_NOT_FOUND", `No certificate with id ${data.certificateId}.`);
  const chosen = new Set(data.serverIds);
  const notThere = data.serverIds.filter((id) => !cert.installations.some((i) => i.serverId === id));
  if (notThere.length) throw new AppError("ERR_CERT_NOT_INSTALLED", "The certificate is not installed on every chosen server.", { serverIds: notThere });
  // Services named in a stable order (IIS, IMAP, POP, SMTP…), whatever order the bindings were made in.
  const bound = cert.bindings.filter((b) => chosen.has(b.serverId)).sort((a, b) => a.service.localeCompare(b.service));
  const defaultSmtp = cert.installations.filter((i) => chosen.has(i.serverId) && i.server.defaultSmtpCertificateId === cert.id).map((i) => i.server.name);
  if (bound.length || defaultSmtp.length) {
    const byServer = new Map<string, string[]>();
    for (const b of bound) byServer.set(b.server.name, [...(byServer.get(b.server.name) ?? []), b.service]);
    for (const name of defaultSmtp) if (!byServer.get(name)?.includes("SMTP")) byServer.set(name, [...(byServer.get(name) ?? []), "SMTP (default certificate)"]);
    const text = [...byServer].map(([server, services]) => `${services.join(", ")} on ${server}`).join("; ");
    await writeAudit(db, actor, { action: "certificate.remove", targetType: "certificate", targetId: cert.id, outcome: "refused", details: { thumbprint: cert.thumbprint, code: "ERR_CERT_IN_USE", inUse: Object.fromEntries(byServer) } });
    throw new AppError("ERR_CERT_IN_USE", `The certificate is in use and cannot be removed: it is assigned to ${text}. Assign other certificates to these services first.`, {
      inUse: Object.fromEntries(byServer),
    });
  }
  const remaining = cert.installations.filter((i) => !chosen.has(i.serverId));
  // A self-signed end-entity certificate is in its own server's Trusted Root store (New-ExchangeCertificate put it there): it goes with it.
  const ownTrust = cert.isSelfSigned && !cert.isCa ? cert.trustStoreEntries.filter((t) => chosen.has(t.serverId)) : [];
  const deleteAll = remaining.length === 0 && cert.trustStoreEntries.length === ownTrust.length;
  const removedFrom = cert.installations.filter((i) => chosen.has(i.serverId)).map((i) => i.server.name);
  const ems = removedFrom.flatMap((server) => removeCommand({ server, thumbprint: cert.thumbprint }));
  return db.$transaction(async (tx) => {
    await tx.certificateInstallation.deleteMany({ where: { certificateId: cert.id, serverId: { in: data.serverIds } } });
    if (ownTrust.length) await tx.trustStoreEntry.deleteMany({ where: { id: { in: ownTrust.map((t) => t.id) } } });
    let keyDeleted = false;
    if (deleteAll) {
      await tx.certificateRequest.updateMany({ where: { renewsCertificateId: cert.id }, data: { renewsCertificateId: null } });
      await tx.certificate.delete({ where: { id: cert.id } });
      if (cert.privateKeyId) {
        // The completed request that produced this certificate holds the same key: it goes with it.
        await tx.certificateRequest.deleteMany({ where: { privateKeyId: cert.privateKeyId, status: { not: "Pending" } } });
        // An ACME order keeps its key (the order is the issuance's history and references it).
        const stillUsed = (await tx.certificateRequest.count({ where: { privateKeyId: cert.privateKeyId } })) + (await tx.acmeOrder.count({ where: { privateKeyId: cert.privateKeyId } }));
        if (stillUsed === 0) {
          await tx.privateKey.delete({ where: { id: cert.privateKeyId } });
          keyDeleted = true;
        }
      }
    }
    await writeAudit(tx, actor, {
      action: "certificate.remove",
      targetType: "certificate",
      targetId: cert.id,
      details: {
        thumbprint: cert.thumbprint,
        subject: cert.subject,
        servers: removedFrom,
        deleted: deleteAll,
        keyDeleted,
        ems,
      },
    });
    return { removedFrom, deleted: deleteAll, keyDeleted, ems };
  });
}
