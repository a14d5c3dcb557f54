import type { Tx } from "../db";
import type { CompletedRequest } from "@/lib/pki/csr/complete-request";
import { certificateRecord } from "./certificate-record";
import { storeCertificate } from "./store-certificate";

/** What a CA issued for a key the console holds, and where it goes. */
export interface InstallIssuedCertificateInput {
  answer: CompletedRequest;
  friendlyName: string;
  privateKeyId: string;
  exportable: boolean;
  serverIds: readonly string[];
}

/**
 * Stores a CA's answer paired with the console-held key: the chain's CA certificates (so the path can be built), the
 * issued certificate with its key, installed on each server. The completion step shared by "Complete Pending Request"
 * and ACME issuance; runs inside the caller's transaction, which audits it.
 */
export async function installIssuedCertificate(tx: Tx, input: InstallIssuedCertificateInput) {
  for (const ca of input.answer.chain) await storeCertificate(tx, { der: ca.der });
  const record = certificateRecord(input.answer.certificate.der, input.friendlyName);
  const cert = await tx.certificate.create({ data: { ...record, privateKeyId: input.privateKeyId } });
  for (const serverId of input.serverIds) {
    await tx.certificateInstallation.create({ data: { serverId, certificateId: cert.id, hasPrivateKey: true, privateKeyExportable: input.exportable } });
  }
  return cert;
}
