import "reflect-metadata";
import { pathCertificate } from "@/lib/pki/certificate/certificate";
import { validateCertificate } from "@/lib/pki/path/validate-certificate";
import { worseStatus, type ExchangeStatus } from "@/lib/pki/exchange/status";
import { rootCaType } from "@/lib/pki/exchange/root-ca-type";
import type { RevocationChecker } from "@/lib/pki/revocation/types";
import type { PkiFetcher } from "@/lib/pki/ports";
import type { TrustContext } from "./trust-context";
import { serverDetail, statusReason, type ServerStatus, type ServerStatusDetail } from "./refresh-certificate-status";

/** What one certificate's status computation found, before anything is written. */
export interface EvaluatedStatus {
  status: ExchangeStatus;
  reason: string;
  results: ServerStatus[];
  worst: ServerStatus;
  detail: ServerStatusDetail[];
}

/**
 * The status of one certificate from every server it is installed on, with trust contexts the caller loaded (a
 * batched refresh loads each server's once per run): the same computation as refreshCertificateStatus, with no
 * database access. A path that validates without a revocation checker is `Unknown`, never `Valid`.
 */
export async function evaluateCertificateStatus(
  cert: { der: Uint8Array; isCa: boolean; installations: { serverId: string }[] },
  trustContext: (serverId: string | null) => Promise<TrustContext>,
  now: Date,
  revocation?: RevocationChecker,
  fetcher?: PkiFetcher,
): Promise<EvaluatedStatus> {
  const leaf = pathCertificate(new Uint8Array(cert.der));
  const serverIds: (string | null)[] = cert.installations.length ? cert.installations.map((i) => i.serverId) : [null];
  const results: ServerStatus[] = [];
  for (const serverId of serverIds) {
    const ctx = await trustContext(serverId);
    const result = await validateCertificate({
      leaf,
      intermediates: ctx.intermediates,
      trustAnchors: ctx.trustAnchors,
      now,
      purpose: cert.isCa ? "any" : "server",
      ...(revocation ? { revocation } : {}),
      ...(fetcher ? { fetcher } : {}),
    });
    results.push({ serverId, server: ctx.serverName, result, rootCaType: result.trustAnchor ? rootCaType({ chain: result.chain, stores: ctx.stores }) : "Unknown" });
  }
  const worst = results.reduce((a, b) => (worseStatus(a.result.status, b.result.status) === a.result.status ? a : b));
  const status: ExchangeStatus = worst.result.status === "Valid" && !revocation ? "Unknown" : worst.result.status;
  return {
    status,
    reason: statusReason(worst.result, worst.server, Boolean(revocation)),
    results,
    worst,
    detail: results.map((r) => serverDetail(r, Boolean(revocation))),
  };
}
