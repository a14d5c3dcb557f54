/**
 * Problems found while building or validating a certification path, each tied to a depth of the path
 * (0 = the leaf) and carrying a stable code that UI, API and CLI map to messages in one place.
 * @packageDocumentation
 */

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
} as const;

/** One of the {@link ValidationProblemCode} values. */
export type ValidationProblemCode = (typeof ValidationProblemCode)[keyof typeof ValidationProblemCode];

/** One problem of a certification path, by depth (0 = leaf; the trust anchor has the highest depth). */
export interface ValidationProblem {
  depth: number;
  code: ValidationProblemCode;
  /** Plain-English explanation suitable for helpdesk display. */
  message: string;
}

/** Creates a {@link ValidationProblem}. */
export function validationProblem(depth: number, code: ValidationProblemCode, message: string): ValidationProblem {
  return { depth, code, message };
}

/** Codes that mean "the dates are wrong" rather than "the path is broken" (Exchange's `DateInvalid`). */
export const DATE_PROBLEM_CODES: ReadonlySet<ValidationProblemCode> = new Set([ValidationProblemCode.Expired, ValidationProblemCode.NotYetValid]);
