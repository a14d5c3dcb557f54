import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { issueCertificate } from "@/lib/pki/csr/issue-certificate";
import { findDomainNameProblem } from "@/lib/pki/name/domain-name";
import { sha256Thumbprint } from "@/lib/pki/certificate/thumbprint";
import { newSelfSignedSchema } from "@/lib/validations/certificate-wizards";
import { newSelfSignedCommand } from "@/lib/pki/exchange/ems";
import { defaultSelfSignedServices, serviceUnavailableReason } from "@/lib/pki/exchange/server-roles";
import { parseDistinguishedName } from "@/lib/pki/name/distinguished-name";
import { storeCertificate } from "./store-certificate";
import { checkCertificateStatus } from "./refresh-certificate-status";
import { escapeRdn, keySizeOf, keySpecOf, parseInput } from "./wizard-input";

const YEAR = 365 * 24 * 60 * 60 * 1000;

/**
 * New-ExchangeCertificate without -GenerateRequest: a self-signed certificate installed on the server, placed in
 * that server's Trusted Root store as Exchange setup does, and bound to the chosen services (IMAP, POP and SMTP
 * by default, like the shell, kept to what the server's role runs: an Edge server gets SMTP only, and a service the
 * role does not run is refused with the reason). The server's default SMTP certificate is only replaced with
 * `confirmReplaceDefaultSmtp`; IIS moves the server's IIS binding to the new certificate. Returns the EMS line.
 */
export async function newSelfSignedCertificate(actor: Actor | null, input: unknown, now = new Date()) {
  requirePermission(actor, "mutate");
  const data = parseInput(newSelfSignedSchema, input);
  const names = [...new Set([data.commonName, ...data.domains].map((d) => d.trim().toLowerCase()))];
  for (const name of names) {
    const problem = findDomainNameProblem(name);
    if (problem) throw new AppError("ERR_DOMAIN_INVALID", problem, { domain: name });
  }
  const server = await db.server.findUnique({ where: { id: data.serverId }, select: { id: true, name: true, role: true, defaultSmtpCertificateId: true } });
  if (!server) throw new AppError("ERR_NOT_FOUND", `No server with id ${data.serverId}.`);
  const services = [...new Set(data.services ?? defaultSelfSignedServices(server.role))];
  const notOnRole = services.map((service) => serviceUnavailableReason(server.name, server.role, service)).filter((r): r is string => r !== null);
  if (notOnRole.length) throw new AppError("ERR_SERVICE_NOT_ON_ROLE", notOnRole.join(" "), { reasons: notOnRole });
  const issued = await issueCertificate(
    { subject: `CN=${escapeRdn(data.commonName)}`, dnsNames: names, notBefore: new Date(now.getTime() - 60_000), notAfter: new Date(now.getTime() + data.validityYears * YEAR), key: keySpecOf(data.key) },
    null,
  );
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", issued.keys.privateKey));
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", issued.keys.publicKey));
  let ems: string[] = [];
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
    if (services.includes("IIS")) await tx.serviceBinding.deleteMany({ where: { serverId: server.id, service: "IIS", certificateId: { not: stored.id } } });
    ems = newSelfSignedCommand({
      server: server.name,
      subject: parseDistinguishedName(`CN=${escapeRdn(data.commonName)}`),
      domains: names,
      keySize: keySizeOf(data.key),
      exportable: data.exportable,
      friendlyName: data.friendlyName,
      services,
      force: makeDefault && Boolean(server.defaultSmtpCertificateId),
    });
    await writeAudit(tx, actor, {
      action: "certificate.selfSigned.new",
      targetType: "certificate",
      targetId: stored.id,
      details: { thumbprint: stored.thumbprint, subject: stored.subject, domains: names, server: server.name, services, key: data.key, exportable: data.exportable, defaultSmtp: makeDefault, ems },
    });
    return stored;
  });
  const { status } = await checkCertificateStatus(cert.id, now);
  return { id: cert.id, thumbprint: cert.thumbprint, subject: cert.subject, status, services, server: server.name, ems };
}
