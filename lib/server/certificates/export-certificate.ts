import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { loadMasterKey } from "../security/master-key";
import { openPrivateKey } from "../security/key-vault";
import { exportPkcs12 } from "@/lib/pki/pkcs12/export";
import { toPem } from "@/lib/pki/formats/pem";
import { exportCertificateSchema } from "@/lib/validations/certificate-wizards";
import { exportCommand } from "@/lib/pki/exchange/ems";
import { parseInput } from "./wizard-input";

/** The EMC's reason when the key cannot leave the server. */
export const KEY_NOT_EXPORTABLE_MESSAGE =
  "The private key of this certificate is not exportable. It was created or imported without being marked exportable (New-ExchangeCertificate -PrivateKeyExportable $false, the shell's default), so Export-ExchangeCertificate cannot write it to a PFX file. Request or import the certificate again with an exportable key.";

/** The CA certificates above `der`'s issuer that the console knows, issuer first (for "include the chain"). */
async function knownChain(issuer: string, subject: string): Promise<Uint8Array[]> {
  const chain: Uint8Array[] = [];
  let name = issuer;
  let previous = subject;
  for (let depth = 0; depth < 8 && name !== previous; depth += 1) {
    const ca = await db.certificate.findFirst({ where: { subject: name, isCa: true }, select: { der: true, issuer: true, subject: true } });
    if (!ca) break;
    chain.push(new Uint8Array(ca.der));
    previous = ca.subject;
    name = ca.issuer;
  }
  return chain;
}

/**
 * Export-ExchangeCertificate: a password-protected PKCS#12 (AES-256 by default, TripleDES-SHA1 for older
 * Windows). Needs the `readKeyMaterial` permission (helpdesk is refused). A key that is not exportable is
 * refused with `ERR_KEY_NOT_EXPORTABLE` and the EMC's reason; that refusal is audited too. The audit event
 * records who exported what and how — never the password.
 */
export async function exportCertificate(actor: Actor | null, input: unknown) {
  requirePermission(actor, "readKeyMaterial");
  const data = parseInput(exportCertificateSchema, input);
  const cert = await db.certificate.findUnique({ where: { id: data.certificateId }, include: { privateKey: { select: { id: true, exportable: true } }, installations: { where: { hasPrivateKey: true }, include: { server: { select: { name: true } } }, orderBy: { server: { name: "asc" } }, take: 1 } } });
  if (!cert) throw new AppError("ERR_NOT_FOUND", `No certificate with id ${data.certificateId}.`);
  if (!cert.privateKey) {
    const holders = await db.certificateInstallation.findMany({ where: { certificateId: cert.id, hasPrivateKey: true }, select: { privateKeyExportable: true, server: { select: { name: true } } } });
    if (holders.length > 0) {
      const where = holders.map((h) => `${h.server.name}${h.privateKeyExportable ? "" : " (not exportable there)"}`).join(", ");
      await writeAudit(db, actor, { action: "certificate.export", targetType: "certificate", targetId: cert.id, outcome: "refused", details: { thumbprint: cert.thumbprint, code: "ERR_KEY_ON_SERVER_ONLY", servers: holders.map((h) => h.server.name) } });
      throw new AppError("ERR_KEY_ON_SERVER_ONLY", `The private key of this certificate lives only on ${where}: the certificate came from an inventory, and a server's key never leaves it through the collector, so the console cannot write a PFX. Export it on the server (only if its key is exportable there): ${exportCommand({ server: holders[0]!.server.name, thumbprint: cert.thumbprint, fileName: `${cert.thumbprint}.pfx`, withPrivateKey: true }).join("; ")} — or export the certificate alone (.cer).`, { thumbprint: cert.thumbprint, servers: holders.map((h) => h.server.name) });
    }
    await writeAudit(db, actor, { action: "certificate.export", targetType: "certificate", targetId: cert.id, outcome: "refused", details: { thumbprint: cert.thumbprint, code: "ERR_KEY_NOT_FOUND" } });
    throw new AppError("ERR_KEY_NOT_FOUND", "The console holds no private key for this certificate, so it cannot be exported as a PFX. Export the certificate alone (.cer) instead.");
  }
  if (!cert.privateKey.exportable) {
    await writeAudit(db, actor, {
      action: "certificate.export",
      targetType: "certificate",
      targetId: cert.id,
      outcome: "refused",
      details: { thumbprint: cert.thumbprint, code: "ERR_KEY_NOT_EXPORTABLE" },
    });
    throw new AppError("ERR_KEY_NOT_EXPORTABLE", KEY_NOT_EXPORTABLE_MESSAGE, { thumbprint: cert.thumbprint });
  }
  const sealed = await db.privateKey.findUnique({ where: { id: cert.privateKey.id }, omit: { encrypted: false } });
  const pkcs8 = openPrivateKey(sealed!.encrypted, loadMasterKey());
  const chain = data.includeChain && !cert.isSelfSigned ? await knownChain(cert.issuer, cert.subject) : [];
  let pfx: Uint8Array;
  try {
    pfx = exportPkcs12({ certificate: new Uint8Array(cert.der), privateKey: new Uint8Array(pkcs8), chain, password: data.password, friendlyName: cert.friendlyName || cert.subject, encryption: data.encryption });
  } finally {
    pkcs8.fill(0);
  }
  const base = (cert.friendlyName || cert.subject.replace(/^CN=/, "").split(",")[0] || cert.thumbprint).replace(/[^A-Za-z0-9._-]+/g, "_");
  const fileName = `${base}.pfx`;
  const ems = exportCommand({ server: cert.installations[0]?.server.name ?? "", thumbprint: cert.thumbprint, fileName, withPrivateKey: true });
  await writeAudit(db, actor, {
    action: "certificate.export",
    targetType: "certificate",
    targetId: cert.id,
    details: { thumbprint: cert.thumbprint, subject: cert.subject, format: "PKCS#12", encryption: data.encryption, chainCertificates: chain.length, ems },
  });
  return { fileName, pfx, thumbprint: cert.thumbprint, ems };
}

/** A pending request exports as its PKCS#10, Base64 (`.req`), as the EMC does. Read-only, available to both roles. */
export async function exportPendingRequest(actor: Actor | null, requestId: string) {
  requirePermission(actor, "read");
  const request = await db.certificateRequest.findUnique({ where: { id: requestId }, select: { id: true, csrDer: true, friendlyName: true, subject: true, status: true, renewsCertificateId: true } });
  if (!request) throw new AppError("ERR_NOT_FOUND", `No certificate request with id ${requestId.slice(0, 64)}.`);
  const base = (request.friendlyName || request.id).replace(/[^A-Za-z0-9._-]+/g, "_");
  return { fileName: `${base}.req`, pem: toPem(new Uint8Array(request.csrDer), "NEW CERTIFICATE REQUEST"), status: request.status, friendlyName: request.friendlyName, subject: request.subject, renewsCertificateId: request.renewsCertificateId };
}
