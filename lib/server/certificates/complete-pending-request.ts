import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { completeRequest } from "@/lib/pki/csr/complete-request";
import { offThreadKdf } from "../security/kdf-worker";
import { certificateRecord } from "./certificate-record";
import { installIssuedCertificate } from "./install-issued-certificate";
import { checkCertificateStatus } from "./refresh-certificate-status";
import { importCommand } from "@/lib/pki/exchange/ems";

/** Input of {@link completePendingRequest}: the pending request and the CA's answer (CER/CRT/PEM/P7B bytes). */
export interface CompletePendingRequestInput {
  requestId: string;
  answer: Uint8Array;
  /** The answer file's name as uploaded, for the EMS line. */
  fileName?: string;
}

/**
 * Complete Pending Request (Import-ExchangeCertificate of the CA's answer): pairs the answer with the stored
 * request by public key, installs the issued certificate on the request's server with the stored key and marks
 * the request completed. The chain's CA certificates found in the answer are kept so the path can be built.
 * A mismatching answer is refused with `ERR_REQUEST_KEY_MISMATCH` and nothing changes.
 */
export async function completePendingRequest(actor: Actor | null, input: CompletePendingRequestInput) {
  requirePermission(actor, "mutate");
  const request = await db.certificateRequest.findUnique({
    where: { id: input.requestId },
    include: { server: { select: { id: true, name: true } }, privateKey: { select: { id: true, exportable: true } } },
  });
  if (!request) throw new AppError("ERR_NOT_FOUND", `No certificate request with id ${input.requestId.slice(0, 64)}.`);
  if (request.status !== "Pending") throw new AppError("ERR_REQUEST_NOT_PENDING", `This request is ${request.status.toLowerCase()}, not pending: there is nothing to complete.`);
  const answer = await completeRequest({ csrDer: new Uint8Array(request.csrDer), answerBytes: input.answer, kdf: offThreadKdf });
  const record = certificateRecord(answer.certificate.der, request.friendlyName);
  const existing = await db.certificate.findUnique({ where: { thumbprint: record.thumbprint }, select: { id: true } });
  if (existing) {
    await writeAudit(db, actor, { action: "certificate.request.complete", targetType: "certificateRequest", targetId: request.id, outcome: "refused", details: { code: "ERR_CERT_DUPLICATE", thumbprint: record.thumbprint } });
    throw new AppError("ERR_CERT_DUPLICATE", `The certificate ${record.thumbprint} is already in the console; this answer was imported before.`);
  }

  const ems = importCommand({ server: request.server.name, fileName: input.fileName ?? "certnew.cer", withPassword: false, exportable: request.privateKey.exportable });
  const certificate = await db.$transaction(async (tx) => {
    const cert = await installIssuedCertificate(tx, { answer, friendlyName: request.friendlyName, privateKeyId: request.privateKey.id, exportable: request.privateKey.exportable, serverIds: [request.server.id] });
    await tx.certificateRequest.update({ where: { id: request.id }, data: { status: "Completed", completedCertificateId: cert.id } });
    await writeAudit(tx, actor, {
      action: "certificate.request.complete",
      targetType: "certificate",
      targetId: cert.id,
      details: { requestId: request.id, server: request.server.name, thumbprint: cert.thumbprint, subject: cert.subject, chain: answer.chain.map((c) => c.thumbprint), renews: request.renewsCertificateId, ems },
    });
    return cert;
  });
  const { status, reason } = await checkCertificateStatus(certificate.id);
  return { id: certificate.id, thumbprint: certificate.thumbprint, subject: certificate.subject, status, statusReason: reason, server: request.server.name, ems };
}
