import { db } from "../db";
import { AppError } from "../errors";
import { requirePermission, type Actor } from "../auth/actor";
import type { DnsChallengeRecord } from "./dns-solvers/dns-solver";

/**
 * One ACME order as the wizard and the API show it: its status, the manual solver's exact TXT records and the name
 * servers the pre-check asks, the CA's problem in plain words when it failed, the certificate when issued.
 */
export async function getAcmeOrder(actor: Actor | null, acmeOrderId: string) {
  requirePermission(actor, "read");
  const order = await db.acmeOrder.findUnique({
    where: { id: String(acmeOrderId).slice(0, 64) },
    select: {
      id: true,
      status: true,
      solver: true,
      friendlyName: true,
      domains: true,
      serverIds: true,
      dnsRecords: true,
      errorCode: true,
      problem: true,
      orderUrl: true,
      autoEnableServices: true,
      revokedAt: true,
      revocationReason: true,
      createdAt: true,
      account: { select: { id: true, name: true } },
      certificate: { select: { id: true, thumbprint: true, subject: true, notAfter: true } },
      renews: { select: { id: true, thumbprint: true } },
    },
  });
  if (!order) throw new AppError("ERR_NOT_FOUND", "No such ACME order.");
  const stored = (order.dnsRecords ?? {}) as { records?: DnsChallengeRecord[]; nameServers?: string[] };
  const { dnsRecords: _dns, ...rest } = order;
  return {
    ...rest,
    domains: order.domains as string[],
    serverIds: order.serverIds as string[],
    records: order.status === "AwaitingConfirmation" ? (stored.records ?? []) : [],
    nameServers: stored.nameServers ?? [],
  };
}
