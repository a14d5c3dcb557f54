import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { decideAssignment } from "@/lib/pki/exchange/assignment-policy";
import { enableCommand } from "@/lib/pki/exchange/ems";
import { serviceUnavailableReason } from "@/lib/pki/exchange/server-roles";
import { enableServicesSchema } from "@/lib/validations/certificate-wizards";
import { assignmentFacts } from "./assignment-context";
import { ensureFreshStatus } from "./refresh-certificate-status";
import { parseInput } from "./wizard-input";

/** Exchange's warning for wildcard certificates on POP/IMAP. */
export const WILDCARD_POP_IMAP_WARNING =
  "This is a wildcard certificate. Exchange discourages wildcards for POP and IMAP: set the POP/IMAP X509CertificateName (Set-PopSettings / Set-ImapSettings) to a name the certificate covers, or clients will see a name mismatch.";

/** Exchange's question when SMTP is enabled on a server that already has a default SMTP certificate. */
export const OVERWRITE_DEFAULT_SMTP_QUESTION = "Overwrite the existing default SMTP certificate?";

type Input = ReturnType<typeof enableServicesSchema.parse>;

/** Thrown inside the write transaction when the status changed after the decision (see {@link claimStatusVersion}). */
class StatusChanged extends Error {}

/**
 * Commits an assignment only against the status it was decided on: a conditional write on `statusVersion`
 * (taken under the database's write lock), so a status refresh that committed after the decision makes this
 * return false and the caller decides again.
 */
export async function claimStatusVersion(tx: Tx, certificateId: string, statusVersion: number): Promise<boolean> {
  const { count } = await tx.certificate.updateMany({ where: { id: certificateId, statusVersion }, data: { statusVersion } });
  return count === 1;
}

/**
 * Enable-ExchangeCertificate: assigns services to a certificate on the chosen servers. A status never
 * revocation-checked, or older than the freshness window, is re-checked first; the decision is `decideAssignment`
 * with the revocation policy from the Settings, and the bindings are written only while the status is still the
 * one decided on (one retry, then `ERR_STATUS_CHANGED`). As in Exchange: services the server's role does not run
 * are refused with the reason; enabling IIS moves the Default Web Site's binding, so the previous IIS certificate
 * of that server loses IIS; SMTP on a server with another default SMTP certificate needs the answer to
 * "Overwrite the existing default SMTP certificate?" (`replaceDefaultSmtp`: Yes replaces it, No enables SMTP and
 * keeps the old default). Returns, and audits, the Exchange Management Shell lines (`ems`). Refusals are audited
 * and change nothing.
 */
export async function enableServices(actor: Actor | null, input: unknown) {
  requirePermission(actor, "mutate");
  const data = parseInput(enableServicesSchema, input);
  await ensureFreshStatus(data.certificateId);
  for (let attempt = 0; ; attempt++) {
    try {
      return await decideAndBind(actor, data, attempt > 0);
    } catch (error) {
      if (!(error instanceof StatusChanged)) throw error;
      if (attempt >= 1) {
        const cert = await db.certificate.findUnique({ where: { id: data.certificateId }, select: { id: true, thumbprint: true, status: true } });
        await writeAudit(db, actor, {
          action: "service.enable",
          targetType: "certificate",
          targetId: data.certificateId,
          outcome: "refused",
          details: { thumbprint: cert?.thumbprint, services: data.services, serverIds: data.serverIds, status: cert?.status, code: "ERR_STATUS_CHANGED" },
        });
        throw new AppError("ERR_STATUS_CHANGED", "The certificate's status changed while the assignment was being made; nothing was changed. Review the new status and try again.");
      }
    }
  }
}

async function decideAndBind(actor: Actor, data: Input, retried: boolean) {
  const services = [...new Set(data.services)];
  const { cert, policy, status, diagnosis, revocationChecked, statusVersion } = await assignmentFacts(db, data.certificateId);
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
  const servers = data.serverIds.map((id) => installed.get(id)!.server);
  const notOnRole = servers.flatMap((s) => services.map((service) => serviceUnavailableReason(s.name, s.role, service)).filter((r): r is string => r !== null));
  if (notOnRole.length) throw await refuse("ERR_SERVICE_NOT_ON_ROLE", notOnRole.join(" "), { reasons: notOnRole });
  const withoutKey = data.serverIds.filter((id) => !installed.get(id)!.hasPrivateKey).map((id) => installed.get(id)!.server.name);
  if (withoutKey.length) throw await refuse("ERR_NO_PRIVATE_KEY", `Services can't be assigned on ${withoutKey.join(", ")}: the server has no private key for this certificate.`);

  const decision = decideAssignment({ status, policy, acknowledged: data.acknowledged, diagnosis, revocationChecked });
  if (decision.decision === "refuse") throw await refuse(decision.code, decision.message);
  if (decision.decision === "warn") throw await refuse("ERR_ACKNOWLEDGEMENT_REQUIRED", decision.message);

  const answer = data.replaceDefaultSmtp ?? (data.confirmReplaceDefaultSmtp ? true : undefined);
  const replacing = services.includes("SMTP") ? servers.filter((s) => s.defaultSmtpCertificateId && s.defaultSmtpCertificateId !== cert.id) : [];
  if (replacing.length && answer === undefined) {
    const old = await db.certificate.findMany({ where: { id: { in: replacing.map((s) => s.defaultSmtpCertificateId!) } }, select: { thumbprint: true } });
    throw await refuse(
      "ERR_CONFIRMATION_REQUIRED",
      `${OVERWRITE_DEFAULT_SMTP_QUESTION} ${replacing.map((s) => s.name).join(", ")} already ${replacing.length > 1 ? "have" : "has"} a default SMTP certificate (${old.map((o) => o.thumbprint).join(", ")}). Yes replaces it with ${cert.thumbprint}; No enables SMTP and keeps it.`,
      { question: OVERWRITE_DEFAULT_SMTP_QUESTION, replaceDefaultSmtp: replacing.map((s) => s.name) },
    );
  }
  const replaced = answer === true ? replacing : [];
  const kept = answer === false ? replacing : [];
  const ems = servers.flatMap((s) =>
    enableCommand({ server: s.name, thumbprint: cert.thumbprint, services, force: replaced.includes(s), keptDefaultSmtp: kept.includes(s) }),
  );

  return db.$transaction(async (tx) => {
    // Assignments on one server are serialized: each takes the server rows' write lock first (in id order, so two
    // multi-server assignments cannot deadlock). Without it, two instances on PostgreSQL moving IIS on the same server
    // at once both found and deleted the same previous binding (P2025, a 500) or both kept IIS.
    for (const id of [...data.serverIds].sort()) await tx.server.update({ where: { id }, data: { updatedAt: new Date() }, select: { id: true } });
    if (!(await claimStatusVersion(tx, cert.id, statusVersion))) throw new StatusChanged();
    const added: { server: string; service: string }[] = [];
    const already: { server: string; service: string }[] = [];
    const movedIis: { server: string; from: string }[] = [];
    const acknowledgedStatus = decision.acknowledgedWarning ? status : null;
    for (const server of servers) {
      if (services.includes("IIS")) {
        // The Default Web Site has one HTTPS binding: the previous IIS certificate of this server loses IIS.
        const previous = await tx.serviceBinding.findMany({ where: { serverId: server.id, service: "IIS", certificateId: { not: cert.id } }, include: { certificate: { select: { thumbprint: true } } } });
        for (const p of previous) {
          await tx.serviceBinding.delete({ where: { id: p.id } });
          movedIis.push({ server: server.name, from: p.certificate.thumbprint });
        }
      }
      for (const service of services) {
        const existing = await tx.serviceBinding.findUnique({ where: { serverId_service_certificateId: { serverId: server.id, service, certificateId: cert.id } } });
        if (existing) {
          already.push({ server: server.name, service });
          continue;
        }
        await tx.serviceBinding.create({ data: { serverId: server.id, service, certificateId: cert.id, acknowledgedStatus } });
        added.push({ server: server.name, service });
      }
      const becomesDefault = services.includes("SMTP") && (!server.defaultSmtpCertificateId || replaced.includes(server));
      if (becomesDefault) await tx.server.update({ where: { id: server.id }, data: { defaultSmtpCertificateId: cert.id } });
    }
    const warnings: string[] = [];
    if ((services.includes("IMAP") || services.includes("POP")) && ((cert.domains as string[]) ?? []).some((d) => d.startsWith("*."))) warnings.push(WILDCARD_POP_IMAP_WARNING);
    const result = {
      added,
      alreadyAssigned: already,
      acknowledged: Boolean(decision.acknowledgedWarning),
      replacedDefaultSmtp: replaced.map((s) => s.name),
      keptDefaultSmtp: kept.map((s) => s.name),
      movedIis,
      warnings,
      ems,
    };
    await writeAudit(tx, actor, {
      action: "service.enable",
      targetType: "certificate",
      targetId: cert.id,
      details: {
        thumbprint: cert.thumbprint,
        services,
        servers: servers.map((s) => s.name),
        status,
        statusVersion,
        policy,
        ...(decision.acknowledgedWarning ? { acknowledgedWarning: decision.acknowledgedWarning } : {}),
        ...(retried ? { decidedAgainAfterStatusChange: true } : {}),
        ...result,
      },
    });
    return result;
  });
}
