import "reflect-metadata";
import { pathCertificate } from "@/lib/pki/certificate/certificate";
import { validateCertificate, type ValidationResult } from "@/lib/pki/path/validate-certificate";
import { statusOfProblems, worseStatus, type ExchangeStatus } from "@/lib/pki/exchange/status";
import { rootCaType, type RootCaType } from "@/lib/pki/exchange/root-ca-type";
import { revocationStatus } from "@/lib/pki/revocation/revocation-status";
import type { RevocationChecker } from "@/lib/pki/revocation/types";
import type { PkiFetcher } from "@/lib/pki/ports";
import type { TrustContext } from "./trust-context";

/** The status of one certificate as seen from one server. */
export interface ServerStatus {
  serverId: string | null;
  server: string | null;
  result: ValidationResult;
  rootCaType: RootCaType;
}

/** Plain-English reason for a validation result, for the list tooltip and the helpdesk. */
export function statusReason(result: ValidationResult, server: string | null, revocationChecked: boolean): string {
  const where = server ? `On ${server}: ` : "";
  if (result.problems.length === 0) {
    const text = revocationChecked
      ? "the chain is valid and no certificate in it is revoked."
      : "the chain is valid, but revocation has not been checked yet, so the status is not Valid until it is.";
    return where ? `${where}${text}` : text.charAt(0).toUpperCase() + text.slice(1);
  }
  const revocationOnly = result.problems.every((p) => p.code === "ERR_REVOKED" || p.code === "ERR_REVOCATION_UNAVAILABLE");
  const detail = revocationOnly && result.revocation.length ? revocationStatus(result.revocation).diagnosis : result.problems.map((p) => `${p.message} (${p.reference})`).join(" ");
  return `${where}${detail}`;
}

/** One server's part of `Certificate.statusDetail`: what every per-server view shows. */
export interface ServerStatusDetail {
  serverId: string | null;
  server: string | null;
  status: ExchangeStatus;
  reason: string;
  rootCaType: RootCaType;
  viaCrossCertificate: boolean;
  /** The chain, root first as in the Windows dialog, each node with its own status (revocation included). */
  nodes: { thumbprint: string; subject: string; status: ExchangeStatus; problems: string[] }[];
}

/** The stored detail of one server's result; a path-only Valid is `Unknown`, as for the certificate. */
export function serverDetail(r: ServerStatus, revocationChecked: boolean): ServerStatusDetail {
  const notChecked = (s: ExchangeStatus): ExchangeStatus => (s === "Valid" && !revocationChecked ? "Unknown" : s);
  const nodes = r.result.path.map((p, depth) => {
    const problems = r.result.problems.filter((x) => x.depth === depth);
    return { thumbprint: p.thumbprint, subject: p.subjectText, status: notChecked(problems.length ? statusOfProblems(problems) : "Valid"), problems: problems.map((x) => x.message) };
  });
  return {
    serverId: r.serverId,
    server: r.server,
    status: notChecked(r.result.status),
    reason: statusReason(r.result, r.server, revocationChecked),
    rootCaType: r.rootCaType,
    viaCrossCertificate: r.result.viaCrossCertificate,
    nodes: nodes.reverse(),
  };
}

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
 * batched refresh loads each server's once per run): the computation refreshCertificateStatus stores, with no
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
    results.push({ serverId, server: ctx.serverName, result, rootCaType: result.trustAnchor ? rootCaType({ chain: result.path, stores: ctx.stores }) : "Unknown" });
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
