/**
 * When to renew a certificate: ACME Renewal Information (RFC 9773) when the CA offers it, else after two thirds of the
 * lifetime. Pure: the clock and the random draw come in as arguments.
 * @packageDocumentation
 */
import { PkiError } from "../errors";
import { pathCertificate, type CertificateInput } from "./certificate";

/** A CA's suggested renewal window (RFC 9773 §4.2). */
export interface RenewalInfo {
  suggestedWindow: { start: Date; end: Date };
  explanationUrl?: string;
}

/** When to renew, and why. */
export interface RenewalDecision {
  /** The moment from which the certificate should be renewed. */
  renewAt: Date;
  source: "ari" | "lifetime";
  /** Plain-English reason, e.g. "the CA's renewal window 2026-12-10 – 2026-12-12 (RFC 9773)". */
  reason: string;
}

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64url");

/**
 * The RFC 9773 §4.1 certificate identifier: base64url of the Authority Key Identifier's keyIdentifier, ".", base64url of
 * the serial number's DER content octets. Throws `ERR_ARI_NO_AKI` for a certificate without a keyIdentifier.
 */
export function ariCertificateId(certificate: CertificateInput): string {
  const cert = pathCertificate(certificate);
  if (!cert.authorityKeyId) throw new PkiError("ERR_ARI_NO_AKI", "The certificate has no Authority Key Identifier, so it has no ACME Renewal Information identifier.");
  return `${b64url(Buffer.from(cert.authorityKeyId, "hex"))}.${b64url(cert.serial)}`;
}

/**
 * Reads a renewalInfo response body (RFC 9773 §4.2). Throws `ERR_ARI_MALFORMED` when the window is missing, unparsable
 * or ends before it starts (the RFC says to treat such a response as unavailable).
 */
export function parseRenewalInfo(body: unknown): RenewalInfo {
  const window = (body as { suggestedWindow?: { start?: unknown; end?: unknown } } | null)?.suggestedWindow;
  const start = typeof window?.start === "string" ? new Date(window.start) : null;
  const end = typeof window?.end === "string" ? new Date(window.end) : null;
  if (!start || !end || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end.getTime() <= start.getTime()) {
    throw new PkiError("ERR_ARI_MALFORMED", "The CA's renewal information has no valid suggested window.");
  }
  const explanation = (body as { explanationURL?: unknown }).explanationURL;
  return { suggestedWindow: { start, end }, ...(typeof explanation === "string" ? { explanationUrl: explanation } : {}) };
}

/**
 * The renewal time: a uniformly random moment inside the CA's window (RFC 9773 §4.2, so that clients spread out),
 * or, without ARI, two thirds into the validity period. `random` is a draw in [0, 1).
 */
export function chooseRenewalTime(validity: { notBefore: Date; notAfter: Date }, info: RenewalInfo | null, random: number): RenewalDecision {
  const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
  if (info) {
    const { start, end } = info.suggestedWindow;
    const renewAt = new Date(start.getTime() + Math.floor((end.getTime() - start.getTime()) * Math.min(Math.max(random, 0), 0.999_999)));
    return { renewAt, source: "ari", reason: `the CA's renewal window ${day(start)} – ${day(end)} UTC (RFC 9773)${info.explanationUrl ? `, see ${info.explanationUrl}` : ""}` };
  }
  const lifetime = validity.notAfter.getTime() - validity.notBefore.getTime();
  const renewAt = new Date(validity.notBefore.getTime() + Math.floor((lifetime * 2) / 3));
  return { renewAt, source: "lifetime", reason: `two thirds of the ${Math.round(lifetime / 86_400_000)}-day lifetime (the CA offers no renewal information)` };
}
