import { db } from "../db";
import { AppError } from "../errors";
import { writeAudit } from "../audit";
import { requirePermission, type Actor } from "../auth/actor";
import { loadMasterKey } from "../security/master-key";
import { sealPrivateKey } from "../security/key-vault";
import { generateCertificateRequest } from "@/lib/pki/csr/csr";
import { findDomainNameProblem } from "@/lib/pki/name/domain-name";
import { acmeIssueSchema } from "@/lib/validations/acme";
import { parseInput, requestKeyOptions, subjectName } from "../certificates/wizard-input";
import { withAcmeAccount } from "./acme-session";
import { placeDnsOrder, validateAndFinalize } from "./acme-order-flow";
import { accountDnsSolver, storeAcmeResult, waitForPropagation, type AcmeActor } from "./acme-issuance";

/** Options the renewal job passes (the order renews that certificate). */
export interface IssueOptions {
  renewsCertificateId?: string;
  /** The admin a renewal acts for (the predecessor's orderer). */
  createdById?: string | null;
}

/**
 * New Certificate wizard, third path "Issue from an ACME CA": the identifiers from the domain-scoping pages, a key
 * generated and kept in the console (the wizard's CSR), an order at the account's CA answered by DNS-01.
 * - `rfc2136`: the TXT records are added by a TSIG-signed dynamic update, checked on the primary, validated by the CA,
 *   removed again; the certificate is stored and installed on the chosen servers like a completed request.
 * - `manual`: the order and key are kept (status `AwaitingConfirmation`) and the exact TXT records are returned for the
 *   admin to publish; {@link confirmAcmeDnsRecords} continues.
 * A CA or DNS failure stores and installs nothing, is audited as failed and throws its `ERR_ACME_…`/`ERR_DNS_…` code.
 */
export async function issueAcmeCertificate(actor: Actor | null, input: unknown, options: IssueOptions = {}) {
  requirePermission(actor, "mutate");
  return issueAs(actor, input, options);
}

/** The issuance itself, for an admin or the renewal job (which acts as `system`). */
export async function issueAs(actor: AcmeActor, input: unknown, options: IssueOptions = {}) {
  const data = parseInput(acmeIssueSchema, input);
  const domains = [...new Set([data.commonName, ...data.domains].map((d) => d.trim().toLowerCase().replace(/\.$/, "")))];
  for (const name of domains) {
    const problem = findDomainNameProblem(name);
    if (problem) throw new AppError("ERR_DOMAIN_INVALID", problem, { domain: name });
  }
  const account = await db.acmeAccount.findUnique({ where: { id: data.accountId } });
  if (!account) throw new AppError("ERR_ACME_NOT_CONFIGURED", "No such ACME account: add one in Settings → Certificate authorities.");
  if (account.deactivatedAt) throw new AppError("ERR_ACME_ACCOUNT_DEACTIVATED", `The ACME account "${account.name}" was deactivated on ${account.deactivatedAt.toISOString().slice(0, 10)}: choose or add another account.`);
  const servers = await db.server.findMany({ where: { id: { in: data.serverIds } }, select: { id: true, name: true } });
  if (servers.length !== new Set(data.serverIds).size) throw new AppError("ERR_NOT_FOUND", "One of the chosen servers does not exist.");
  const solver = data.solver === "rfc2136" ? await accountDnsSolver(account) : null;
  const request = await generateCertificateRequest({ subject: subjectName(domains[0] ?? data.commonName), domains, friendlyName: data.friendlyName, ...requestKeyOptions(data.key) });
  const auditBase = { account: account.name, domains, servers: servers.map((s) => s.name), solver: data.solver, renews: options.renewsCertificateId ?? null };

  if (!solver) {
    const placed = await withAcmeAccount(account, "Placing the ACME order", (client) => placeDnsOrder(client, domains));
    const records = placed.challenges.map((c) => c.record);
    return db.$transaction(async (tx) => {
      const key = await tx.privateKey.create({ data: { algorithm: data.key, encrypted: new Uint8Array(sealPrivateKey(request.privateKeyPkcs8, loadMasterKey())), spkiSha256: request.spkiSha256, exportable: data.exportable } });
      const order = await tx.acmeOrder.create({
        data: {
          accountId: account.id,
          orderUrl: placed.order.url,
          friendlyName: data.friendlyName,
          domains,
          serverIds: servers.map((s) => s.id),
          solver: "manual",
          status: "AwaitingConfirmation",
          dnsRecords: { records: records.map((r) => ({ ...r })), nameServers: data.nameServers ?? [] },
          csrDer: new Uint8Array(request.csrDer),
          privateKeyId: key.id,
          renewsCertificateId: options.renewsCertificateId ?? null,
          autoEnableServices: data.autoEnableServices,
          createdById: options.createdById ?? actor.userId ?? null,
        },
      });
      await writeAudit(tx, actor, { action: "acme.order.new", targetType: "acmeOrder", targetId: order.id, details: { ...auditBase, orderUrl: placed.order.url, records } });
      return { status: "AwaitingConfirmation" as const, acmeOrderId: order.id, records };
    });
  }

  try {
    const { chainPem, orderUrl } = await withAcmeAccount(account, "Issuing the certificate through ACME", async (client) => {
      const placed = await placeDnsOrder(client, domains);
      const records = placed.challenges.map((c) => c.record);
      await solver.present(records);
      try {
        await waitForPropagation(placed, [account.dnsUpdateServer]);
        return { chainPem: await validateAndFinalize(client, placed, request.csrPem), orderUrl: placed.order.url };
      } finally {
        await solver.cleanup(records).catch(() => undefined);
      }
    });
    const issued = await storeAcmeResult({
      actor,
      account,
      orderUrl,
      chainPem,
      csrDer: request.csrDer,
      privateKey: { pkcs8: request.privateKeyPkcs8, algorithm: data.key, spkiSha256: request.spkiSha256 },
      friendlyName: data.friendlyName,
      exportable: data.exportable,
      serverIds: servers.map((s) => s.id),
      domains,
      solver: "rfc2136",
      renewsCertificateId: options.renewsCertificateId,
      autoEnableServices: data.autoEnableServices,
      createdById: options.createdById ?? actor.userId ?? null,
      auditAction: options.renewsCertificateId ? "acme.certificate.renew" : "acme.certificate.issue",
    });
    return { status: "Issued" as const, certificate: issued };
  } catch (error) {
    const e = error as AppError;
    await writeAudit(db, actor, { action: options.renewsCertificateId ? "acme.certificate.renew" : "acme.certificate.issue", targetType: "acmeAccount", targetId: account.id, outcome: "failed", details: { ...auditBase, code: e.code, message: e.message } });
    throw error;
  }
}
