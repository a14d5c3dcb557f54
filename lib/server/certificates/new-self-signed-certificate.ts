import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { issueCertificate } from "@/lib/pki/csr/issue-certificate";
import { findDomainNameProblem } from "@/lib/pki/name/domain-name";
import { sha256Thumbprint } from "@/lib/pki/certificate/thumbprint";
import { newSelfSignedSchema } from "@/lib/validations/certificate-wizards";
import { storeCertificate } from "./store-certificate";
import { refreshCertificateStatus } from "./refresh-certificate-status";
import { escapeRdn, keySpecOf, parseInput } from "./wizard-input";

const YEAR = 365 * 24 * 60 * 60 * 1000;

/**
 * New-ExchangeCertificate without -GenerateRequest: a self-signed certificate installed on the server, placed in
 * that server's Trusted Root store as Exchange setup does, and bound to the chosen services (IMAP, POP and SMTP
 * by default, like the shell). The server's default SMTP certificate is only replaced with `confirmReplaceDefaultSmtp`.
 */
export async function newSelfSignedCertificate(actor: Actor | null, input: unknown, now = new Date()) {
  requirePermission(actor, "mutate");
  const data = parseInput(newSelfSignedSchema, input);
  const names = [...new Set([data.commonName, ...data.domains].map((d) => d.trim().toLowerCase()))];
  for (const name of names) {
    const problem = findDomainNameProblem(name);
    if (problem) throw new AppError("ERR_DOMAIN_INVALID", problem, { domain: name });
  }
  const server = await db.server.findUnique({ where: { id: data.serverId }, select: { id: true, name: true, defaultSmtpCertificateId: true } });
  if (!server) throw new AppError("ERR_NOT_FOUND", `No server with id ${data.serverId}.`);
  const issued = await issueCertificate(
    { subject: `CN=${escapeRdn(data.commonName)}`, dnsNames: names, notBefore: new Date(now.getTime() - 60_000), notAfter: new Date(now.getTime() + data.validityYears * YEAR), key: keySpecOf(data.key) },
    null,
  );
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", issued.keys.privateKey));
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", issued.keys.publicKey));
  const services = [...new Set(data.services)];
  const cert = await db.$transaction(async (tx) => {
    const stored = await storeCertificate(tx, {
      der: new Uint8Array(issued.certificate.rawData),
      friendlyName: data.friendlyName,
      privateKeyPkcs8: pkcs8,
      privateKeyAlgorithm: data.key,
      spkiSha256: sha256Thumbprint(spki),
      exportable: data.exportable,
      serverIds: [server.id],
    });
    await tx.trustStoreEntry.create({ data: { serverId: server.id, store: "TrustedRoot", certificateId: stored.id } });
    for (const service of services) await tx.serviceBinding.create({ data: { serverId: server.id, service, certificateId: stored.id } });
    const makeDefault = services.includes("SMTP") && (!server.defaultSmtpCertificateId || data.confirmReplaceDefaultSmtp);
    if (makeDefault) await tx.server.update({ where: { id: server.id }, data: { defaultSmtpCertificateId: stored.id } });
    await writeAudit(tx, actor, {
      action: "certificate.selfSigned.new",
      targetType: "certificate",
      targetId: stored.id,
      details: { thumbprint: stored.thumbprint, subject: stored.subject, domains: names, server: server.name, services, key: data.key, exportable: data.exportable, defaultSmtp: makeDefault },
    });
    return stored;
  });
  const { status } = await refreshCertificateStatus(cert.id, now);
  return { id: cert.id, thumbprint: cert.thumbprint, subject: cert.subject, status, services, server: server.name };
}
