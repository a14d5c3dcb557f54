/**
 * Options and working types of the revocation checker, shared by its CRL and OCSP halves.
 * @packageDocumentation
 */
import type { CertificateInput } from "../certificate/certificate";
import type { PkiFetcher } from "../ports";
import type { RevocationAttempt } from "./types";
import type { CertFacts } from "./cert-info";
import type { CrlCache } from "./crl-cache";

/** Options of {@link createRevocationChecker}. */
export interface RevocationCheckerOptions {
  /** CRLs given as files (DER or PEM), used before anything fetched. */
  crls?: Uint8Array[];
  /** OCSP responses given as files (DER), used before anything fetched. */
  ocspResponses?: Uint8Array[];
  /** Network access; without it (or with `offline`) only supplied data is used. */
  fetcher?: PkiFetcher;
  offline?: boolean;
  /** Default `ocspFirst`: OCSP where the certificate names a responder, CRLs as fallback. */
  order?: "ocspFirst" | "crlFirst";
  cache?: CrlCache;
  /** Send a nonce in OCSP requests and require it echoed (default false: many public responders ignore nonces). */
  useNonce?: boolean;
  /** Per-fetch timeout (default 15 s). */
  timeoutMs?: number;
  /** Largest CRL accepted (default 100 MB). */
  maxCrlBytes?: number;
  /** Extra certificates that may have signed CRLs (separate CRL keys, indirect CRL issuers). */
  certificates?: readonly CertificateInput[];
  /** Tolerated clock difference for OCSP (default 5 minutes). */
  clockSkewMs?: number;
  /** OCSP over POST (default) or GET (RFC 6960 appendix A). */
  ocspMethod?: "POST" | "GET";
}

/** The working state of one certificate's check. */
export interface CheckState {
  cert: CertFacts;
  issuer: CertFacts;
  now: Date;
  attempts: RevocationAttempt[];
}

/** A final answer found by one of the sources. */
export interface Answer {
  status: "good" | "revoked";
  reason?: string;
  revocationDate?: Date;
  /** "according to CRL http://…" */
  source: string;
}

