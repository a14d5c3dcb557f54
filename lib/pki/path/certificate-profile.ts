/**
 * The RFC 5280 §4 certificate profile, checked on every certificate of a path, the trust anchor included: serial
 * numbers, extension encoding (duplicates, unknown or wrongly critical extensions, extensions in a v1 certificate),
 * key identifiers, the basicConstraints / keyUsage agreement, empty names, and name constraints outside a CA.
 * Path validation (§6) proper lives in `path-validation.ts`; these are the "conforming CAs MUST" rules that
 * OpenSSL's `-x509_strict` and the Web PKI verifiers enforce on top of it.
 * @packageDocumentation
 */
import type { PathCertificate } from "../certificate/certificate";
import { ValidationProblemCode as Code, validationProblem, type ValidationProblem } from "./validation-problem";

/** Extensions this validator processes (or that other parts of certconsole process), so a critical one is fine. */
export const UNDERSTOOD_EXTENSIONS: ReadonlySet<string> = new Set([
  "2.5.29.14", // subjectKeyIdentifier
  "2.5.29.35", // authorityKeyIdentifier
  "2.5.29.15", // keyUsage
  "2.5.29.37", // extKeyUsage
  "2.5.29.19", // basicConstraints
  "2.5.29.17", // subjectAltName
  "2.5.29.18", // issuerAltName
  "2.5.29.30", // nameConstraints
  "2.5.29.32", // certificatePolicies
  "2.5.29.33", // policyMappings
  "2.5.29.36", // policyConstraints
  "2.5.29.54", // inhibitAnyPolicy
  "2.5.29.31", // cRLDistributionPoints (revocation engine)
  "2.5.29.46", // freshestCRL (revocation engine)
  "1.3.6.1.5.5.7.1.1", // authorityInfoAccess
  "1.3.6.1.5.5.7.1.11", // subjectInfoAccess
]);

const OID = {
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  nameConstraints: "2.5.29.30",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
} as const;

/** Extensions that conforming CAs must mark non-critical, with the section that says so. */
const MUST_BE_NON_CRITICAL: readonly [string, string, string][] = [
  [OID.authorityKeyIdentifier, "authority key identifier", "RFC 5280 §4.2.1.1"],
  [OID.subjectKeyIdentifier, "subject key identifier", "RFC 5280 §4.2.1.2"],
  [OID.authorityInfoAccess, "authority information access", "RFC 5280 §4.2.2.1"],
];

/** Where a certificate sits in the path being validated. */
export interface ProfilePosition {
  /** 0 = the leaf; the trust anchor has the highest depth. */
  depth: number;
  /** The certificate is the trust anchor. */
  anchor: boolean;
  /** The certificate issued the next one down the path (an intermediate, or the anchor of a longer path). */
  issuing: boolean;
  /** Whether the certificate is self-signed; asked only when it lacks an authority key identifier. */
  selfSigned: () => boolean;
}

/** What is wrong with a serial number's content octets (RFC 5280 §4.1.2.2), or null. */
export function serialNumberProblem(serialHex: string): string | null {
  const bytes = Buffer.from(serialHex, "hex");
  if (bytes.length === 0) return "it is empty";
  if (bytes[0]! & 0x80) return "it is negative";
  if (bytes.every((b) => b === 0)) return "it is zero";
  // A 20-octet value with its top bit set needs a leading zero octet to stay positive.
  const octets = bytes[0] === 0 ? bytes.length - 1 : bytes.length;
  if (octets > 20) return `it is ${octets} octets long (at most 20 are allowed)`;
  return null;
}

function extensionProblems(cert: PathCertificate, depth: number, out: ValidationProblem[]): void {
  const name = `"${cert.subjectText}"`;
  const seen = new Set<string>();
  for (const { oid, critical } of cert.extensions) {
    if (seen.has(oid)) out.push(validationProblem(depth, Code.DuplicateExtension, `The certificate ${name} has more than one extension ${oid}.`));
    seen.add(oid);
    if (critical && !UNDERSTOOD_EXTENSIONS.has(oid)) out.push(validationProblem(depth, Code.UnknownCriticalExtension, `The certificate ${name} has a critical extension ${oid} that is not understood.`));
  }
  for (const oid of cert.malformedExtensions) out.push(validationProblem(depth, Code.MalformedExtension, `The certificate ${name} has an extension ${oid} that cannot be decoded.`));
  if (cert.version < 3 && cert.extensions.length > 0) out.push(validationProblem(depth, Code.MalformedExtension, `The certificate ${name} is version ${cert.version} but carries extensions.`, "RFC 5280 §4.1.2.9"));
  for (const [oid, what, reference] of MUST_BE_NON_CRITICAL) {
    if (cert.extensions.some((e) => e.oid === oid && e.critical)) out.push(validationProblem(depth, Code.ExtensionCriticality, `The certificate ${name} marks its ${what} extension critical.`, reference));
  }
  if (cert.extensions.some((e) => e.oid === OID.nameConstraints && !e.critical))
    out.push(validationProblem(depth, Code.ExtensionCriticality, `The certificate ${name} does not mark its name constraints extension critical.`, "RFC 5280 §4.2.1.10"));
}

function caProblems(cert: PathCertificate, position: ProfilePosition, out: ValidationProblem[]): void {
  const { depth } = position;
  const name = `"${cert.subjectText}"`;
  const ca = cert.basicConstraints?.ca === true;
  if (cert.keyUsage?.has("keyCertSign") && !ca) out.push(validationProblem(depth, Code.KeyUsage, `The certificate ${name} asserts keyCertSign but is not a certification authority (basic constraints cA is not TRUE).`, "RFC 5280 §4.2.1.9"));
  if (ca && cert.keyUsage && !cert.keyUsage.has("keyCertSign")) out.push(validationProblem(depth, Code.KeyUsage, `The certificate ${name} is a certification authority but its key usage does not include keyCertSign.`));
  if (cert.basicConstraints?.pathLen !== undefined && !ca) out.push(validationProblem(depth, Code.BasicConstraints, `The certificate ${name} has a path length constraint but is not a certification authority.`));
  if (cert.version >= 3 && ca && cert.subjectKeyId === undefined) out.push(validationProblem(depth, Code.KeyIdentifier, `The certification authority ${name} has no subject key identifier.`, "RFC 5280 §4.2.1.2"));
  if (cert.nameConstraints && !ca) out.push(validationProblem(depth, Code.NameConstraintsInEndEntity, `The certificate ${name} is not a certification authority but carries name constraints.`));
  // An intermediate's basicConstraints is checked by §6.1.4(k) in path validation; a trust anchor that issues
  // must carry it too, critical. (Intermediates with a non-critical one stay valid: NIST PKITS 4.6.4.)
  if (position.anchor && position.issuing) {
    if (cert.version < 3 || !ca) out.push(validationProblem(depth, Code.BasicConstraints, `The trust anchor ${name} issued a certificate but is not a certification authority (basic constraints ${cert.basicConstraints ? "cA=false" : "missing"}).`));
    else if (!cert.extensions.some((e) => e.oid === OID.basicConstraints && e.critical)) out.push(validationProblem(depth, Code.ExtensionCriticality, `The trust anchor ${name} does not mark its basic constraints extension critical.`, "RFC 5280 §4.2.1.9"));
  }
}

function nameProblems(cert: PathCertificate, depth: number, out: ValidationProblem[]): void {
  const name = `"${cert.subjectText || cert.thumbprint}"`;
  const san = cert.extensions.find((e) => e.oid === OID.subjectAltName);
  if (cert.issuer.rdns.length === 0) out.push(validationProblem(depth, Code.EmptyName, `The certificate ${name} has an empty issuer name.`, "RFC 5280 §4.1.2.4"));
  if (cert.subject.rdns.length === 0) {
    if (cert.basicConstraints?.ca) out.push(validationProblem(depth, Code.EmptyName, `The certification authority ${name} has an empty subject name.`));
    else if (!san?.critical) out.push(validationProblem(depth, Code.EmptyName, `The certificate ${name} has an empty subject name and ${san ? "a non-critical" : "no"} subject alternative name extension.`, "RFC 5280 §4.2.1.6"));
  }
  if (san && cert.subjectAltNames.length === 0 && !cert.malformedExtensions.includes(OID.subjectAltName))
    out.push(validationProblem(depth, Code.MalformedExtension, `The certificate ${name} has an empty subject alternative name extension.`, "RFC 5280 §4.2.1.6"));
}

/** Every RFC 5280 §4 profile problem of `cert` at its `position` in the path. */
export function certificateProfileProblems(cert: PathCertificate, position: ProfilePosition): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const { depth } = position;
  const serial = serialNumberProblem(cert.serialHex);
  if (serial) out.push(validationProblem(depth, Code.SerialNumber, `The serial number of "${cert.subjectText}" is not valid: ${serial}.`));
  if (!cert.signatureAlgorithmsMatch) out.push(validationProblem(depth, Code.Signature, `The certificate "${cert.subjectText}" names a different signature algorithm inside its signed part than outside.`, "RFC 5280 §4.1.1.2"));
  extensionProblems(cert, depth, out);
  if (cert.version >= 3 && cert.authorityKeyId === undefined && !position.selfSigned())
    out.push(validationProblem(depth, Code.KeyIdentifier, `The certificate "${cert.subjectText}" is not self-signed but has no authority key identifier.`, "RFC 5280 §4.2.1.1"));
  caProblems(cert, position, out);
  nameProblems(cert, depth, out);
  return out;
}
