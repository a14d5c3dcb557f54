import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { loadMasterKey } from "../security/master-key";
import { sealPrivateKey } from "../security/key-vault";
import { generateCertificateRequest, renewalRequest } from "@/lib/pki/csr/csr";
import { renewCertificateSchema, type KeyChoice } from "@/lib/validations/certificate-wizards";
import { renewCommand } from "@/lib/pki/exchange/ems";
import { escapeRdn, keySizeOf, parseInput, requestKeyOptions } from "./wizard-input";
import { renewSelfSignedCertificate } from "./renew-self-signed-certificate";

const keyChoiceOf = (algorithm: string, size: number): KeyChoice =>
  algorithm === "EC" ? (size === 384 ? "EC-P384" : "EC-P256") : size >= 4096 ? "RSA-4096" : "RSA-2048";

/** What the Renew wizard prefills: the certificate's subject CN, SANs and key kind. */
export async function renewalDefaults(actor: Actor | null, certificateId: string) {
  requirePermission(actor, "read");
  const cert = await db.certificate.findUnique({
    where: { id: certificateId },
    select: { id: true, subject: true, domains: true, friendlyName: true, keyAlgorithm: true, publicKeySize: true, isCa: true, isSelfSigned: true, installations: { select: { serverId: true } } },
  });
  if (!cert) throw new AppError("ERR_NOT_FOUND", `No certificate with id ${certificateId.slice(0, 64)}.`);
  const commonName = /(?:^|,\s*)CN=((?:\\.|[^,])+)/.exec(cert.subject)?.[1]?.replace(/\\(.)/g, "$1") ?? "";
  return {
    id: cert.id,
    subject: cert.subject,
    commonName,
    domains: (cert.domains as string[]) ?? [],
    friendlyName: cert.friendlyName,
    key: keyChoiceOf(cert.keyAlgorithm, cert.publicKeySize),
    serverIds: cert.installations.map((i) => i.serverId),
    isSelfSigned: cert.isSelfSigned,
  };
}

/**
 * Renewal (`Get-ExchangeCertificate X | New-ExchangeCertificate -GenerateRequest`): a new request with the same
 * subject and SANs (both editable), always a new key, stored as a pending request linked to the certificate it
 * renews. A self-signed certificate renews at once into a new self-signed certificate (same subject and SANs, new
 * key; see renew-self-signed-certificate). Both answers carry the EMS line (`ems`) and say which `kind` they are.
 */
export async function renewCertificate(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const data = parseInput(renewCertificateSchema, input);
  const cert = await db.certificate.findUnique({
    where: { id: data.certificateId },
    select: { id: true, der: true, subject: true, thumbprint: true, friendlyName: true, keyAlgorithm: true, publicKeySize: true, isCa: true, isSelfSigned: true, domains: true, notBefore: true, notAfter: true },
  });
  if (!cert) throw new AppError("ERR_NOT_FOUND", `No certificate with id ${data.certificateId}.`);
  if (cert.isCa) throw new AppError("ERR_VALIDATION", "This is a CA certificate: it is renewed on the certification authority, not from Exchange.");
  const server = await db.server.findUnique({ where: { id: data.serverId }, select: { id: true, name: true } });
  if (!server) throw new AppError("ERR_NOT_FOUND", `No server with id ${data.serverId}.`);
  const friendlyName = data.friendlyName ?? cert.friendlyName;
  const key = data.key ?? keyChoiceOf(cert.keyAlgorithm, cert.publicKeySize);
  if (cert.isSelfSigned) return renewSelfSignedCertificate(actor, { cert: { ...cert, der: new Uint8Array(cert.der) }, server, key, exportable: data.exportable, friendlyName });
  const ems = renewCommand({ server: server.name, thumbprint: cert.thumbprint, exportable: data.exportable, selfSigned: false, keySize: keySizeOf(key), ...(friendlyName !== cert.friendlyName ? { friendlyName } : {}) });
  const edited = data.commonName !== undefined || data.domains !== undefined;
  const subject = data.commonName ? cert.subject.replace(/(^|,\s*)CN=((?:\\.|[^,])+)/, (_m, lead: string) => `${lead}CN=${escapeRdn(data.commonName!)}`) : cert.subject;
  const request = edited
    ? await generateCertificateRequest({ subject, ...(data.domains ? { domains: data.domains } : {}), friendlyName, ...requestKeyOptions(key) })
    : await renewalRequest(new Uint8Array(cert.der), { friendlyName, ...requestKeyOptions(key) });
  const [keyAlgorithm, size] = key.split("-") as [string, string];
  return db.$transaction(async (tx) => {
    const keyRow = await tx.privateKey.create({
      data: { algorithm: key, encrypted: new Uint8Array(sealPrivateKey(request.privateKeyPkcs8, loadMasterKey())), spkiSha256: request.spkiSha256, exportable: data.exportable },
    });
    const row = await tx.certificateRequest.create({
      data: {
        serverId: server.id,
        csrDer: new Uint8Array(request.csrDer),
        subject,
        domains: request.domains,
        friendlyName,
        keyAlgorithm,
        publicKeySize: keyAlgorithm === "EC" ? Number(size.slice(1)) : Number(size),
        privateKeyId: keyRow.id,
        renewsCertificateId: cert.id,
        createdById: actor.userId,
      },
    });
    await writeAudit(tx, actor, {
      action: "certificate.renew",
      targetType: "certificateRequest",
      targetId: row.id,
      details: { renews: cert.thumbprint, server: server.name, subject, domains: request.domains, key, exportable: data.exportable, edited, ems },
    });
    return { kind: "request" as const, id: row.id, subject, domains: request.domains, csrPem: request.csrPem, renews: cert.thumbprint, server: server.name, ems };
  });
}
