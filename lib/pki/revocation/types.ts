/**
 * The seam between path validation (`path/validation.ts`) and revocation checking (`lib/pki/revocation/`).
 * Path validation asks a {@link RevocationChecker} about every non-anchor certificate of a validated path;
 * the checker answers with a {@link CertificateRevocationResult} that records every attempt it made.
 * @packageDocumentation
 */
import type { CertificateInput } from "../certificate/certificate";
import type { FetchRoute } from "../ports";

/** How a revocation answer was sought. `SuppliedCRL`/`SuppliedOCSP` are files given offline. */
export type RevocationMethod = "CRL" | "DeltaCRL" | "OCSP" | "LDAP" | "SuppliedCRL" | "SuppliedOCSP" | "Cache";

/** One attempt to obtain revocation information: what was tried, through which route, and what came of it. */
export interface RevocationAttempt {
  method: RevocationMethod;
  /** The URL fetched (absent for supplied files). */
  url?: string;
  /** Proxy used or bypassed, when fetched over the network. */
  route?: FetchRoute;
  httpStatus?: number;
  /** What this attempt yielded. `failed` means no authoritative answer came from it. */
  outcome: "good" | "revoked" | "failed" | "notApplicable";
  /** Stable code for a failure: `ERR_FETCH_TIMEOUT`, `ERR_CRL_BAD_SIGNATURE`, `ERR_CRL_STALE`, `ERR_OCSP_UNKNOWN`, … */
  errorCode?: string;
  /** Plain-English explanation, suitable for helpdesk display. */
  message: string;
  durationMs: number;
  bytes: number;
}

/** The revocation verdict for one certificate of the chain. */
export interface CertificateRevocationResult {
  /** 0 = leaf. */
  depth: number;
  /** SHA-1 thumbprint, upper-case hex. */
  thumbprint: string;
  subject: string;
  /** `unknown` = no authoritative answer could be had (Exchange's RevocationCheckFailure). */
  status: "good" | "revoked" | "unknown";
  /** RFC 5280 reason name when revoked, e.g. `keyCompromise`. */
  reason?: string;
  revocationDate?: Date;
  /** One-sentence summary: "revoked (keyCompromise) on 2026-01-02 according to CRL http://…". */
  message: string;
  attempts: RevocationAttempt[];
}

/**
 * What path validation hands the checker for one certificate. Certificates come as path validation parsed them
 * (`PathCertificate`): building an `X509Certificate` for each would cost more than the check itself on a cached CRL.
 */
export interface RevocationQuery {
  certificate: CertificateInput;
  /** The certificate's issuer in the validated path. */
  issuer: CertificateInput;
  /** 0 = leaf. */
  depth: number;
  /** The whole validated path, leaf first, trust anchor last. */
  path: readonly CertificateInput[];
  /** Validation time. */
  now: Date;
}

/** Answers revocation questions; implementations never throw for network or data failures. */
export interface RevocationChecker {
  check(query: RevocationQuery): Promise<CertificateRevocationResult>;
}
