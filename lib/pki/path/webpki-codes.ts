/**
 * The validation profiles and the stable codes of the Web PKI profile's findings (CA/Browser Forum Baseline Requirements and browser rules).
 * They are part of {@link ValidationProblemCode} so that `certctl verify --profile webpki` reports them as
 * problems; the console shows the same findings next to the Exchange status. The string values are the contract.
 * @packageDocumentation
 */
/** Validation profiles of `certctl verify --profile`. */
export const VALIDATION_PROFILES = ["rfc5280", "webpki"] as const;
/** `rfc5280` (the default, what the Exchange status uses) or `webpki` (RFC 5280 plus the Web PKI findings). */
export type ValidationProfile = (typeof VALIDATION_PROFILES)[number];

/** Stable codes of the Web PKI findings. */
export const WebPkiProblemCode = {
  /** The end-entity certificate's EKU lacks serverAuth (or is absent, or only anyExtendedKeyUsage). */
  WebPkiEku: "ERR_WEBPKI_EKU",
  /** An extendedKeyUsage extension is marked critical. */
  WebPkiEkuCritical: "ERR_WEBPKI_EKU_CRITICAL",
  /** A root certificate carries an extendedKeyUsage extension. */
  WebPkiRootEku: "ERR_WEBPKI_ROOT_EKU",
  /** The end-entity certificate has no subjectAltName (browsers ignore the CN). */
  WebPkiNoSan: "ERR_WEBPKI_NO_SAN",
  /** A forbidden public key: DSA, P-192 (or any curve but P-256/384/521), EdDSA, RSA under 2048 bits or not a multiple of 8. */
  WebPkiWeakKey: "ERR_WEBPKI_WEAK_KEY",
  /** An MD5 or SHA-1 signature. */
  WebPkiWeakSignature: "ERR_WEBPKI_WEAK_SIGNATURE",
  /** A version 1 (or 2) certificate. */
  WebPkiVersion: "ERR_WEBPKI_VERSION",
  /** The end-entity certificate says cA=TRUE. */
  WebPkiLeafCa: "ERR_WEBPKI_LEAF_CA",
  /** A root whose AKI carries issuer/serial or a keyIdentifier other than its SKI. */
  WebPkiRootAki: "ERR_WEBPKI_ROOT_AKI",
  /** A name constraints extension with neither permitted nor excluded subtrees. */
  WebPkiEmptyNameConstraints: "ERR_WEBPKI_EMPTY_NAME_CONSTRAINTS",
} as const;
