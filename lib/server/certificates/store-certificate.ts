import type { Tx } from "../db";
import { loadMasterKey } from "../security/master-key";
import { sealPrivateKey } from "../security/key-vault";
import { certificateRecord } from "./certificate-record";

/** What to store: a certificate, optionally its key, and the servers to install it on. */
export interface StoreCertificateInput {
  der: Uint8Array;
  friendlyName?: string;
  /** PKCS#8 of the private key, sealed before it touches the database. */
  privateKeyPkcs8?: Uint8Array;
  privateKeyAlgorithm?: string;
  /** SHA-256 of the SubjectPublicKeyInfo, hex. */
  spkiSha256?: string;
  exportable?: boolean;
  serverIds?: string[];
}

/**
 * Inserts a certificate (or finds it by thumbprint), attaches its sealed private key and installs it on the
 * given servers. Runs inside the caller's transaction, so the caller audits in the same unit of work.
 */
export async function storeCertificate(tx: Tx, input: StoreCertificateInput) {
  const record = certificateRecord(input.der, input.friendlyName);
  let cert = await tx.certificate.findUnique({ where: { thumbprint: record.thumbprint } });
  if (!cert) cert = await tx.certificate.create({ data: record });
  if (input.privateKeyPkcs8 && !cert.privateKeyId) {
    const key = await tx.privateKey.create({
      data: {
        algorithm: input.privateKeyAlgorithm ?? `${record.keyAlgorithm}-${record.publicKeySize}`,
        encrypted: new Uint8Array(sealPrivateKey(input.privateKeyPkcs8, loadMasterKey())),
        spkiSha256: input.spkiSha256 ?? record.sha256,
        exportable: input.exportable ?? false,
      },
    });
    cert = await tx.certificate.update({ where: { id: cert.id }, data: { privateKeyId: key.id } });
  }
  for (const serverId of input.serverIds ?? []) {
    await tx.certificateInstallation.upsert({
      where: { serverId_certificateId: { serverId, certificateId: cert.id } },
      create: { serverId, certificateId: cert.id, hasPrivateKey: Boolean(cert.privateKeyId), privateKeyExportable: Boolean(input.exportable && cert.privateKeyId) },
      update: {},
    });
  }
  return cert;
}
