import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { loadMasterKey } from "../security/master-key";
import { sealPrivateKey } from "../security/key-vault";
import { generateCertificateRequest } from "@/lib/pki/csr/csr";
import { newCertificateRequestSchema } from "@/lib/validations/certificate-wizards";
import { newRequestCommand } from "@/lib/pki/exchange/ems";
import { parseDistinguishedName } from "@/lib/pki/name/distinguished-name";
import { keySizeOf, parseInput, requestKeyOptions, subjectName } from "./wizard-input";

/**
 * New-ExchangeCertificate -GenerateRequest from the New Exchange Certificate wizard: generates the key and the
 * PKCS#10, stores the request as a pending request on the chosen server with its sealed key (exportable by
 * default, as requests made in the console are), and returns the Base64 request to send to the CA.
 */
export async function newCertificateRequest(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const data = parseInput(newCertificateRequestSchema, input);
  const server = await db.server.findUnique({ where: { id: data.serverId }, select: { id: true, name: true } });
  if (!server) throw new AppError("ERR_NOT_FOUND", `No server with id ${data.serverId}.`);
  const subject = subjectName(data.commonName, data.organization);
  const request = await generateCertificateRequest({ subject, domains: data.domains, friendlyName: data.friendlyName, ...requestKeyOptions(data.key) });
  const [keyAlgorithm, size] = data.key.split("-") as [string, string];
  const publicKeySize = keyAlgorithm === "EC" ? Number(size.slice(1)) : Number(size);
  const ems = newRequestCommand({ server: server.name, subject: parseDistinguishedName(subject), domains: request.domains, keySize: keySizeOf(data.key), exportable: data.exportable, friendlyName: data.friendlyName });
  return db.$transaction(async (tx) => {
    const key = await tx.privateKey.create({
      data: {
        algorithm: data.key,
        encrypted: new Uint8Array(sealPrivateKey(request.privateKeyPkcs8, loadMasterKey())),
        spkiSha256: request.spkiSha256,
        exportable: data.exportable,
      },
    });
    const row = await tx.certificateRequest.create({
      data: {
        serverId: server.id,
        csrDer: new Uint8Array(request.csrDer),
        subject,
        domains: request.domains,
        ...(data.scoping ? { scoping: data.scoping } : {}),
        friendlyName: data.friendlyName,
        keyAlgorithm,
        publicKeySize,
        privateKeyId: key.id,
        createdById: actor.userId,
      },
    });
    await writeAudit(tx, actor, {
      action: "certificate.request.new",
      targetType: "certificateRequest",
      targetId: row.id,
      details: { server: server.name, subject, domains: request.domains, key: data.key, exportable: data.exportable, friendlyName: data.friendlyName, ems },
    });
    return { id: row.id, subject, domains: request.domains, csrPem: request.csrPem, warnings: request.warnings, server: server.name, ems };
  });
}
