import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { decideAssignment } from "@/lib/pki/exchange/assignment-policy";
import { enableServicesSchema } from "@/lib/validations/certificate-wizards";
import { assignmentFacts } from "./assignment-context";
import { parseInput } from "./wizard-input";

/** Exchange's warning for wildcard certificates on POP/IMAP. */
export const WILDCARD_POP_IMAP_WARNING =
  "This is a wildcard certificate. Exchange discourages wildcards for POP and IMAP: set the POP/IMAP X509CertificateName (Set-PopSettings / Set-ImapSettings) to a name the certificate covers, or clients will see a name mismatch.";

/**
 * Enable-ExchangeCertificate: assigns services to a certificate on the chosen servers, additively. The decision is
 * `decideAssignment` with the revocation policy from the Settings: under `strict` a RevocationCheckFailure
 * certificate is refused with the EMC's message; under `warnButAllow` it needs `acknowledged`, which is stored on
 * each new binding and in the audit event. Replacing a server's default SMTP certificate needs
 * `confirmReplaceDefaultSmtp`. Refusals are audited and change nothing.
 */
export async function enableServices(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const data = parseInput(enableServicesSchema, input);
  const services = [...new Set(data.services)];
  const { cert, policy, status, diagnosis } = await assignmentFacts(db, data.certificateId);
  const refuse = async (code: string, message: string, details: Record<string, unknown> = {}) => {
      // Refusals change nothing but are recorded: attempts show in the audit log.
      await writeAudit(db, actor, {
        action: "service.enable",
        targetType: "certificate",
        targetId: cert.id,
        outcome: "refused",
        details: { thumbprint: cert.thumbprint, services, serverIds: data.serverIds, status, policy, code, ...details },
      });
      return new AppError(code, message, { status, policy, ...(diagnosis ? { diagnosis } : {}), ...details });
    };
    const installed = new Map(cert.installations.map((i) => [i.serverId, i]));
    const missing = data.serverIds.filter((id) => !installed.has(id));
    if (missing.length) throw await refuse("ERR_CERT_NOT_INSTALLED", "The certificate is not installed on every chosen server: import it there first.", { missing });
    const withoutKey = data.serverIds.filter((id) => !installed.get(id)!.hasPrivateKey).map((id) => installed.get(id)!.server.name);
    if (withoutKey.length) throw await refuse("ERR_NO_PRIVATE_KEY", `Services can't be assigned on ${withoutKey.join(", ")}: the server has no private key for this certificate.`);

    const decision = decideAssignment({ status, policy, acknowledged: data.acknowledged, diagnosis });
    if (decision.decision === "refuse") throw await refuse(decision.code, decision.message);
    if (decision.decision === "warn") throw await refuse("ERR_ACKNOWLEDGEMENT_REQUIRED", decision.message);

    const replacing = services.includes("SMTP")
      ? data.serverIds.map((id) => installed.get(id)!.server).filter((s) => s.defaultSmtpCertificateId && s.defaultSmtpCertificateId !== cert.id)
      : [];
    if (replacing.length && !data.confirmReplaceDefaultSmtp) {
      const old = await db.certificate.findMany({ where: { id: { in: replacing.map((s) => s.defaultSmtpCertificateId!) } }, select: { thumbprint: true } });
      throw await refuse(
        "ERR_CONFIRMATION_REQUIRED",
        `Overwrite the existing default SMTP certificate on ${replacing.map((s) => s.name).join(", ")} (${old.map((o) => o.thumbprint).join(", ")})? Confirm to replace it with ${cert.thumbprint}.`,
        { replaceDefaultSmtp: replacing.map((s) => s.name) },
      );
    }

  return db.$transaction(async (tx) => {
    const added: { server: string; service: string }[] = [];
    const already: { server: string; service: string }[] = [];
    const acknowledgedStatus = decision.acknowledgedWarning ? status : null;
    for (const serverId of data.serverIds) {
      const server = installed.get(serverId)!.server;
      for (const service of services) {
        const existing = await tx.serviceBinding.findUnique({ where: { serverId_service_certificateId: { serverId, service, certificateId: cert.id } } });
        if (existing) {
          already.push({ server: server.name, service });
          continue;
        }
        await tx.serviceBinding.create({ data: { serverId, service, certificateId: cert.id, acknowledgedStatus } });
        added.push({ server: server.name, service });
      }
    }
    for (const server of replacing) await tx.server.update({ where: { id: server.id }, data: { defaultSmtpCertificateId: cert.id } });
    for (const serverId of data.serverIds) {
      const server = installed.get(serverId)!.server;
      if (services.includes("SMTP") && !server.defaultSmtpCertificateId) await tx.server.update({ where: { id: serverId }, data: { defaultSmtpCertificateId: cert.id } });
    }
    const warnings: string[] = [];
    if ((services.includes("IMAP") || services.includes("POP")) && ((cert.domains as string[]) ?? []).some((d) => d.startsWith("*."))) warnings.push(WILDCARD_POP_IMAP_WARNING);
    await writeAudit(tx, actor, {
      action: "service.enable",
      targetType: "certificate",
      targetId: cert.id,
      details: {
        thumbprint: cert.thumbprint,
        services,
        servers: data.serverIds.map((id) => installed.get(id)!.server.name),
        added,
        alreadyAssigned: already,
        status,
        policy,
        acknowledged: Boolean(decision.acknowledgedWarning),
        ...(decision.acknowledgedWarning ? { acknowledgedWarning: decision.acknowledgedWarning } : {}),
        replacedDefaultSmtp: replacing.map((s) => s.name),
        warnings,
      },
    });
    return { added, alreadyAssigned: already, acknowledged: Boolean(decision.acknowledgedWarning), replacedDefaultSmtp: replacing.map((s) => s.name), warnings };
  });
}
