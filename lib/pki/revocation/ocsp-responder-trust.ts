/**
 * RFC 6960 §4.2.2.2.1 as local policy: how far a delegated OCSP responder (issued by the CA, id-kp-OCSPSigning)
 * is trusted for its own certificate's validity. The one rule, with the reason that goes into the diagnosis:
 * - id-pkix-ocsp-nocheck present: trusted for the lifetime of its certificate;
 * - a CRL distribution point or OCSP URL of its own: those are checked, one level deep (a responder met while
 *   checking a responder is not checked again);
 * - neither: accepted, as OpenSSL, NSS and Go do (`openssl ocsp -rsigner` setups), and recorded as "not checkable".
 * @packageDocumentation
 */
import type { CertFacts } from "./cert-info";
import { formatNameDer } from "../name/distinguished-name";

/** Revocation status of a responder certificate, asked through the pointers it names. */
export type ResponderStatusCheck = (responder: CertFacts) => Promise<"good" | "revoked" | "unknown">;

/** The decision about one delegated responder, with its reason in plain words. */
export type ResponderTrust = { accepted: true; basis: "nocheck" | "checked" | "not-checkable"; reason: string } | { accepted: false; reason: string };

/** Inputs of {@link judgeDelegatedResponder}. */
export interface ResponderTrustOptions {
  /** Checks the responder through its own CRL distribution points / OCSP URL; absent: not checked. */
  checkPointers?: ResponderStatusCheck;
  /** True while checking a responder's own status: its responders are not checked again (one level only). */
  nested?: boolean;
}

/** Decides whether `responder` may be trusted for its own validity; see the module description. */
export async function judgeDelegatedResponder(responder: CertFacts, options: ResponderTrustOptions = {}): Promise<ResponderTrust> {
  const who = `the OCSP responder "${formatNameDer(responder.subjectRaw)}"`;
  if (responder.ocspNoCheck) return { accepted: true, basis: "nocheck", reason: `${who} carries id-pkix-ocsp-nocheck and is trusted for the lifetime of its certificate (RFC 6960 §4.2.2.2.1)` };
  const pointers = [...(responder.distributionPoints !== null ? ["CRL distribution point"] : []), ...(responder.ocspUrls.length > 0 ? ["OCSP URL"] : [])];
  if (pointers.length === 0)
    return {
      accepted: true,
      basis: "not-checkable",
      reason: `${who} has neither id-pkix-ocsp-nocheck nor a CRL distribution point or OCSP URL, so its own revocation status was not checkable; accepted as OpenSSL, NSS and Go do (RFC 6960 §4.2.2.2.1, local policy)`,
    };
  const via = pointers.join(" and ");
  if (options.nested || !options.checkPointers)
    return { accepted: true, basis: "not-checkable", reason: `${who} lacks id-pkix-ocsp-nocheck; its own status was not checked (${options.nested ? "responders are checked one level deep only" : "no revocation checker was given"})` };
  const status = await options.checkPointers(responder);
  if (status === "good") return { accepted: true, basis: "checked", reason: `${who} lacks id-pkix-ocsp-nocheck; its own status was checked through its ${via}: not revoked` };
  if (status === "revoked") return { accepted: false, reason: `${who} has been revoked (checked through its ${via})` };
  return { accepted: false, reason: `${who} lacks id-pkix-ocsp-nocheck and its own revocation status could not be checked through the ${via} it names` };
}
