/**
 * Problems found while building or validating a certification path, each tied to a depth of the path
 * (0 = the leaf) and carrying a stable code that UI, API and CLI map to messages in one place.
 * @packageDocumentation
 */
import { WebPkiProblemCode } from "./webpki-codes";

/** Stable codes of path-validation problems. The string values are the contract; never rename them. */
export const ValidationProblemCode = {
  /** A signature in the path does not verify with the issuer's public key. */
  Signature: "ERR_SIGNATURE",
  /** The signature or public key algorithm is not supported (or deliberately refused, e.g. MD5). */
  UnsupportedAlgorithm: "ERR_UNSUPPORTED_ALGORITHM",
  /** The certificate's notAfter is before the validation time. */
  Expired: "ERR_EXPIRED",
  /** The certificate's notBefore is after the validation time. */
  NotYetValid: "ERR_NOT_YET_VALID",
  /** No path from the leaf to any trust anchor could be built. */
  NoPath: "ERR_NO_PATH",
  /** The certificate's issuer name does not match the subject name of the next certificate. */
  NameChaining: "ERR_NAME_CHAINING",
  /** An issuing certificate is not a CA (basicConstraints missing or cA false). */
  BasicConstraints: "ERR_BASIC_CONSTRAINTS",
  /** A pathLenConstraint further up the path is exceeded. */
  PathLength: "ERR_PATH_LENGTH",
  /** An issuing certificate's key usage lacks keyCertSign. */
  KeyUsage: "ERR_KEY_USAGE",
  /** An extended key usage does not allow the requested purpose. */
  Eku: "ERR_EKU",
  /** A name violates the name constraints of a CA above it. */
  NameConstraints: "ERR_NAME_CONSTRAINTS",
  /** A critical extension that this validator does not understand. */
  UnknownCriticalExtension: "ERR_UNKNOWN_CRITICAL_EXTENSION",
  /** The host name or IP address asked for is not among the leaf's names. */
  NameMismatch: "ERR_NAME_MISMATCH",
  /** Certificate-policy processing failed (no valid policy tree where one is required, bad mapping). */
  Policy: "ERR_POLICY",
  /** The path is longer than the configured maximum depth. */
  MaxDepth: "ERR_MAX_DEPTH",
  /** A certificate of the path is revoked according to an authoritative CRL or OCSP answer. */
  Revoked: "ERR_REVOKED",
  /** No authoritative revocation answer could be had for a certificate of the path. */
  RevocationUnavailable: "ERR_REVOCATION_UNAVAILABLE",
  /** Path building or validation ran out of its fixed budget (candidate paths, signature checks, name comparisons). */
  PathBudget: "ERR_PATH_BUDGET",
  /** A name constraint, or a name checked against one, is malformed (or of a form that cannot be checked). */
  NameConstraintsMalformed: "ERR_NAME_CONSTRAINTS_MALFORMED",
  /** A name constraints extension in an end-entity certificate. */
  NameConstraintsInEndEntity: "ERR_NAME_CONSTRAINTS_IN_END_ENTITY",
  /** The serial number is negative, zero or longer than 20 octets. */
  SerialNumber: "ERR_SERIAL_NUMBER",
  /** Two extensions with the same OID in one certificate. */
  DuplicateExtension: "ERR_DUPLICATE_EXTENSION",
  /** An extension marked critical that must not be (AKI, SKI, AIA), or one that must be critical and is not. */
  ExtensionCriticality: "ERR_EXTENSION_CRITICALITY",
  /** A missing authority key identifier (non-self-signed certificate) or subject key identifier (CA certificate). */
  KeyIdentifier: "ERR_KEY_IDENTIFIER",
  /** An empty issuer name, a CA with an empty subject, or an empty subject without a critical subjectAltName. */
  EmptyName: "ERR_EMPTY_NAME",
  /** An extension that is present but cannot be decoded. */
  MalformedExtension: "ERR_MALFORMED_EXTENSION",
  /** Web PKI profile findings (`--profile webpki`). */
  ...WebPkiProblemCode,
} as const;

/** One of the {@link ValidationProblemCode} values. */
export type ValidationProblemCode = (typeof ValidationProblemCode)[keyof typeof ValidationProblemCode];

/** The section of the standard each code stands for, unless a check names a more precise one. */
export const PROBLEM_REFERENCES: Readonly<Record<ValidationProblemCode, string>> = {
  ERR_SIGNATURE: "RFC 5280 §6.1.3(a)(1)",
  ERR_UNSUPPORTED_ALGORITHM: "RFC 5280 §4.1.1.2",
  ERR_EXPIRED: "RFC 5280 §6.1.3(a)(2)",
  ERR_NOT_YET_VALID: "RFC 5280 §6.1.3(a)(2)",
  ERR_NO_PATH: "RFC 5280 §6.1",
  ERR_NAME_CHAINING: "RFC 5280 §6.1.3(a)(4)",
  ERR_BASIC_CONSTRAINTS: "RFC 5280 §4.2.1.9",
  ERR_PATH_LENGTH: "RFC 5280 §6.1.4(l)",
  ERR_KEY_USAGE: "RFC 5280 §4.2.1.3",
  ERR_EKU: "RFC 5280 §4.2.1.12",
  ERR_NAME_CONSTRAINTS: "RFC 5280 §4.2.1.10",
  ERR_UNKNOWN_CRITICAL_EXTENSION: "RFC 5280 §4.2",
  ERR_NAME_MISMATCH: "RFC 6125 §6.4",
  ERR_POLICY: "RFC 5280 §6.1.3(d)",
  ERR_MAX_DEPTH: "RFC 5280 §6.1",
  ERR_REVOKED: "RFC 5280 §6.3",
  ERR_REVOCATION_UNAVAILABLE: "RFC 5280 §6.3.3",
  ERR_PATH_BUDGET: "RFC 4158 §2.4",
  ERR_NAME_CONSTRAINTS_MALFORMED: "RFC 5280 §4.2.1.10",
  ERR_NAME_CONSTRAINTS_IN_END_ENTITY: "RFC 5280 §4.2.1.10",
  ERR_SERIAL_NUMBER: "RFC 5280 §4.1.2.2",
  ERR_DUPLICATE_EXTENSION: "RFC 5280 §4.2",
  ERR_EXTENSION_CRITICALITY: "RFC 5280 §4.2",
  ERR_KEY_IDENTIFIER: "RFC 5280 §4.2.1.1",
  ERR_EMPTY_NAME: "RFC 5280 §4.1.2.6",
  ERR_MALFORMED_EXTENSION: "RFC 5280 §4.2",
  ERR_WEBPKI_EKU: "BR §7.1.2.7.10",
  ERR_WEBPKI_EKU_CRITICAL: "BR §7.1.2.7.10",
  ERR_WEBPKI_ROOT_EKU: "BR §7.1.2.1.2",
  ERR_WEBPKI_NO_SAN: "BR §7.1.2.7.12",
  ERR_WEBPKI_WEAK_KEY: "BR §6.1.5",
  ERR_WEBPKI_WEAK_SIGNATURE: "BR §7.1.3.2",
  ERR_WEBPKI_VERSION: "BR §7.1.1",
  ERR_WEBPKI_LEAF_CA: "BR §7.1.2.7.8",
  ERR_WEBPKI_ROOT_AKI: "BR §7.1.2.1.3",
  ERR_WEBPKI_EMPTY_NAME_CONSTRAINTS: "BR §7.1.2.10.8",
};

/** One problem of a certification path, by depth (0 = leaf; the trust anchor has the highest depth). */
export interface ValidationProblem {
  depth: number;
  code: ValidationProblemCode;
  /** Plain-English explanation suitable for helpdesk display. */
  message: string;
  /** The standard and section broken, e.g. "RFC 5280 §4.2.1.10". */
  reference: string;
}

/** Creates a {@link ValidationProblem}; `reference` defaults to the code's entry in {@link PROBLEM_REFERENCES}. */
export function validationProblem(depth: number, code: ValidationProblemCode, message: string, reference: string = PROBLEM_REFERENCES[code]): ValidationProblem {
  return { depth, code, message, reference };
}

/** Codes that mean "the dates are wrong" rather than "the path is broken" (Exchange's `DateInvalid`). */
export const DATE_PROBLEM_CODES: ReadonlySet<ValidationProblemCode> = new Set([ValidationProblemCode.Expired, ValidationProblemCode.NotYetValid]);
