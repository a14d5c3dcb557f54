import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { db } from "../db";
import { writeAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { issueCertificate } from "@/lib/pki/csr/issue-certificate";
import { sha256Thumbprint } from "@/lib/pki/certificate/thumbprint";
import { renewCommand } from "@/lib/pki/exchange/ems";
import type { KeyChoice } from "@/lib/validations/certificate-wizards";
import { storeCertificate } from "./store-certificate";
import { checkCertificateStatus } from "./refresh-certificate-status";
import { keySizeOf, keySpecOf } from "./wizard-input";

const YEAR = 365 * 24 * 60 * 60 * 1000;

/** What {@link renewSelfSignedCertificate} renews and how. */
export interface SelfSignedRenewal {
  cert: { id: string; der: Uint8Array; thumbprint: string; friendlyName: string; domains: unknown; notBefore: Date; notAfter: Date };
  server: { id: string; name: string };
  key: KeyChoice;
  exportable: boolean;
  friendlyName: string;
}

/**
 * Renewing a self-signed certificate (`Get-ExchangeCertificate X | New-ExchangeCertificate -Force`): a new
 * self-signed certificate at once, with the same subject (same encoding) and SANs and a new key, installed on the
 * server and trusted there as the original was. Services stay on the old certificate; the answer lists them so the
 * wizard can offer to move them (Enable-ExchangeCertificate on the new one). Status computed before returning.
 */
export async function renewSelfSignedCertificate(actor: Actor, r: SelfSignedRenewal, now = new Date()) {
  const old = new x509.X509Certificate(new Uint8Array(r.cert.der));
  const domains = (r.cert.domains as string[]) ?? [];
  const lifetime = Math.max(r.cert.notAfter.getTime() - r.cert.notBefore.getTime(), YEAR);
  const issued = await issueCertificate(
    { subject: old.subject, dnsNames: domains, notBefore: new Date(now.getTime() - 60_000), notAfter: new Date(now.getTime() + Math.min(lifetime, 5 * YEAR)), key: keySpecOf(r.key) },
    null,
  );
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", issued.keys.privateKey));
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", issued.keys.publicKey));
  const services = (await db.serviceBinding.findMany({ where: { certificateId: r.cert.id, serverId: r.server.id }, select: { service: true }, orderBy: { service: "asc" } })).map((b) => b.service);
  const ems = renewCommand({ server: r.server.name, thumbprint: r.cert.thumbprint, exportable: r.exportable, selfSigned: true, keySize: keySizeOf(r.key), ...(r.friendlyName !== r.cert.friendlyName ? { friendlyName: r.friendlyName } : {}) });
  const stored = await db.$transaction(async (tx) => {
    const cert = await storeCertificate(tx, {
      der: new Uint8Array(issued.certificate.rawData),
      friendlyName: r.friendlyName,
      privateKeyPkcs8: pkcs8,
      privateKeyAlgorithm: r.key,
      spkiSha256: sha256Thumbprint(spki),
      exportable: r.exportable,
      serverIds: [r.server.id],
    });
    await tx.trustStoreEntry.create({ data: { serverId: r.server.id, store: "TrustedRoot", certificateId: cert.id } });
    await writeAudit(tx, actor, {
      action: "certificate.renew",
      targetType: "certificate",
      targetId: cert.id,
      details: { renews: r.cert.thumbprint, selfSigned: true, thumbprint: cert.thumbprint, subject: cert.subject, domains, server: r.server.name, key: r.key, exportable: r.exportable, servicesToMove: services, ems },
    });
    return cert;
  });
  const { status } = await checkCertificateStatus(stored.id, now);
  return { kind: "selfSigned" as const, id: stored.id, thumbprint: stored.thumbprint, subject: stored.subject, domains, status, server: r.server.name, serverId: r.server.id, renews: r.cert.thumbprint, servicesToMove: services, ems };
}
