/**
 * From the chain's revocation results to Exchange's status: any certificate revoked → `Revoked`; else any
 * unknown → `RevocationCheckFailure`; else `Valid` — plus one paragraph a helpdesk can act on.
 * @packageDocumentation
 */
import type { CertificateRevocationResult, RevocationAttempt } from "./types";

/** The revocation part of a certificate's Exchange status. */
export interface RevocationStatusSummary {
  status: "Valid" | "Revoked" | "RevocationCheckFailure";
  /** One paragraph for the UI, the API and the CLI. */
  diagnosis: string;
  /** The certificate that decided a non-`Valid` status. */
  decidedBy?: CertificateRevocationResult;
}

function who(r: CertificateRevocationResult): string {
  return r.depth === 0 ? `The certificate ${r.subject}` : `The issuing CA certificate ${r.subject} (depth ${r.depth} of the chain)`;
}

function hint(attempts: readonly RevocationAttempt[]): string {
  const failed = attempts.filter((a) => a.outcome === "failed");
  const viaProxy = failed.find((a) => a.route && a.route.via !== "direct");
  if (viaProxy) return ` Check the console's outbound proxy setting (${viaProxy.route!.via}) and that it can reach the CRL and OCSP hosts.`;
  if (failed.some((a) => a.route?.via === "direct" && /TIMEOUT|DNS|REFUSED|RESET|UNREACHABLE/.test(a.errorCode ?? ""))) {
    return " The server fetched directly and could not reach the host: if outbound traffic must go through a proxy, set it in the console's proxy setting — the browser's proxy is not used (as with WinHTTP, KB 979694).";
  }
  if (failed.some((a) => /STALE/.test(a.errorCode ?? ""))) return " The CA has not published a current CRL; retry after it does, or ask the CA.";
  return "";
}

/** Summarises the chain's results (leaf first) as Exchange does. */
export function revocationStatus(results: readonly CertificateRevocationResult[]): RevocationStatusSummary {
  const revoked = results.find((r) => r.status === "revoked");
  if (revoked) {
    return {
      status: "Revoked", decidedBy: revoked,
      diagnosis: `${who(revoked)} is ${revoked.message}. The certification authority has withdrawn it: it must not be used, and a new certificate is needed.`,
    };
  }
  const unknown = results.find((r) => r.status === "unknown");
  if (unknown) {
    const others = results.filter((r) => r !== unknown && r.status === "unknown").length;
    return {
      status: "RevocationCheckFailure", decidedBy: unknown,
      diagnosis: `${who(unknown)}: ${unknown.message}.${others ? ` ${others} other certificate(s) of the chain could not be checked either.` : ""} This does not mean the certificate is revoked: no authoritative answer could be obtained.${hint(unknown.attempts)}`,
    };
  }
  if (results.length === 0) return { status: "Valid", diagnosis: "No certificate of the chain needs a revocation check (the chain is only a trust anchor)." };
  return { status: "Valid", diagnosis: `All ${results.length} certificate(s) of the chain were checked and none is revoked (${results.map((r) => r.message).join("; ")}).` };
}
