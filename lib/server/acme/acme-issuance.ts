import type { AcmeAccount } from "@/lib/generated/prisma/client";
import { db } from "../db";
import type { Actor } from "../auth/actor";
import { writeAudit } from "../audit";
import { loadMasterKey } from "../security/master-key";
import { openPrivateKey, sealPrivateKey } from "../security/key-vault";
import { readSettings } from "../settings/get-settings";
import { completeRequest } from "@/lib/pki/csr/complete-request";
import { installIssuedCertificate } from "../certificates/install-issued-certificate";
import { checkCertificateStatus } from "../certificates/refresh-certificate-status";
import type { DnsSolver } from "./dns-solvers/dns-solver";
import { rfc2136Solver } from "./dns-solvers/rfc2136-solver";
import { checkTxtPropagation, type PropagationResult } from "./dns-solvers/txt-propagation";
import { AppError } from "../errors";
import type { DnsOrder } from "./acme-order-flow";

/** Who acts: an admin, or the renewal job. */
export type AcmeActor = Actor | { username: string; role: string; userId?: null };

const listOf = (value: string) => value.split(/[;\s]+/).map((v) => v.trim()).filter(Boolean);

/** The outbound guard's policy from Settings, for DNS servers as for the CA. */
export async function guardPolicy() {
  return { allowList: listOf((await readSettings()).urlAllowList) };
}

/** The RFC 2136 solver of an account (its TSIG secret opened for this call), or `ERR_ACME_NO_DNS_UPDATE`. */
export async function accountDnsSolver(account: AcmeAccount): Promise<DnsSolver> {
  if (!account.dnsUpdateServer || !account.tsigSecretSealed) {
    throw new AppError("ERR_ACME_NO_DNS_UPDATE", `The ACME account "${account.name}" has no RFC 2136 DNS server and TSIG key: use the manual solver or add them in Settings → Certificate authorities.`);
  }
  const secret = openPrivateKey(account.tsigSecretSealed, loadMasterKey()).toString("utf8");
  return rfc2136Solver({ server: account.dnsUpdateServer, key: { name: account.tsigKeyName, algorithm: account.tsigAlgorithm as "hmac-sha256", secret }, policy: await guardPolicy() });
}

/** Pre-checks that every TXT record is visible on every name server asked; a few tries a second apart (RFC 2136 primaries answer at once). */
export async function waitForPropagation(placed: DnsOrder, nameServers: readonly string[] | undefined, tries = 5): Promise<PropagationResult[]> {
  const policy = await guardPolicy();
  let results: PropagationResult[] = [];
  for (let i = 0; i < tries; i++) {
    results = await checkTxtPropagation(placed.challenges.map((c) => c.record), policy, nameServers);
    if (results.every((r) => r.ok)) return results;
    if (i < tries - 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const missing = results.filter((r) => !r.ok).map((r) => `${r.name} TXT "${r.expected}" not found on ${r.server}${r.found.length ? ` (it has ${r.found.map((f) => `"${f}"`).join(", ")})` : ""}`);
  throw new AppError("ERR_ACME_DNS_NOT_PROPAGATED", `The TXT records are not visible yet, so the CA was not asked to validate: ${missing.join("; ")}.`, { results });
}

/** What the CA issued and where it goes. */
export interface StoreAcmeResultInput {
  actor: AcmeActor;
  account: { id: string; name: string };
  orderId?: string;
  orderUrl: string;
  chainPem: string;
  csrDer: Uint8Array;
  privateKey: { id: string } | { pkcs8: Uint8Array; algorithm: string; spkiSha256: string };
  friendlyName: string;
  exportable: boolean;
  serverIds: string[];
  domains: string[];
  solver: string;
  renewsCertificateId?: string | null;
  autoEnableServices: boolean;
  createdById?: string | null;
  auditAction: string;
}

/**
 * Pairs the CA's chain with the CSR's key, stores and installs the certificate on the chosen servers (the step shared
 * with Complete Pending Request) and records the order as issued, audited in the same transaction.
 */
export async function storeAcmeResult(input: StoreAcmeResultInput) {
  const answer = await completeRequest({ csrDer: input.csrDer, answerBytes: new TextEncoder().encode(input.chainPem) });
  const servers = await db.server.findMany({ where: { id: { in: input.serverIds } }, select: { id: true, name: true } });
  const cert = await db.$transaction(async (tx) => {
    const privateKeyId =
      "id" in input.privateKey
        ? input.privateKey.id
        : (
            await tx.privateKey.create({
              data: { algorithm: input.privateKey.algorithm, encrypted: new Uint8Array(sealPrivateKey(input.privateKey.pkcs8, loadMasterKey())), spkiSha256: input.privateKey.spkiSha256, exportable: input.exportable },
            })
          ).id;
    const stored = await installIssuedCertificate(tx, { answer, friendlyName: input.friendlyName, privateKeyId, exportable: input.exportable, serverIds: input.serverIds });
    const orderData = { status: "Issued", certificateId: stored.id, errorCode: "", problem: "" };
    const order = input.orderId
      ? await tx.acmeOrder.update({ where: { id: input.orderId }, data: orderData })
      : await tx.acmeOrder.create({
          data: {
            ...orderData,
            accountId: input.account.id,
            orderUrl: input.orderUrl,
            friendlyName: input.friendlyName,
            domains: input.domains,
            serverIds: input.serverIds,
            solver: input.solver,
            csrDer: new Uint8Array(input.csrDer),
            privateKeyId,
            renewsCertificateId: input.renewsCertificateId ?? null,
            autoEnableServices: input.autoEnableServices,
            createdById: input.createdById ?? null,
          },
        });
    await writeAudit(tx, input.actor, {
      action: input.auditAction,
      targetType: "certificate",
      targetId: stored.id,
      details: { acmeOrderId: order.id, account: input.account.name, orderUrl: input.orderUrl, thumbprint: stored.thumbprint, subject: stored.subject, domains: input.domains, servers: servers.map((s) => s.name), solver: input.solver, chain: answer.chain.map((c) => c.thumbprint), renews: input.renewsCertificateId ?? null },
    });
    return { ...stored, acmeOrderId: order.id };
  });
  const { status, reason } = await checkCertificateStatus(cert.id);
  return { id: cert.id, acmeOrderId: cert.acmeOrderId, thumbprint: cert.thumbprint, subject: cert.subject, notAfter: cert.notAfter, status, statusReason: reason, servers: servers.map((s) => s.name) };
}
