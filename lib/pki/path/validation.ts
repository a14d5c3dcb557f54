/**
 * RFC 5280 §6.1 basic path validation over a built path (leaf first, trust anchor last): signatures, validity,
 * name chaining, basic constraints and path length, key usage, extended key usage for a purpose, name
 * constraints, certificate policies, unknown critical extensions and an optional host-name check.
 * Revocation is not asked here; `validate-certificate.ts` asks the {@link RevocationChecker} afterwards.
 * @packageDocumentation
 */
import { NameConstraintState } from "../name/name-constraints";
import { pathCertificate, type CertificateInput, type PathCertificate } from "../certificate/certificate";
import { PolicyProcessor } from "./policies";
import { inheritKeyParameters, nodeSignatureVerifier, OID_DSA, type SignatureVerifier } from "../crypto/signature";
import { matchesHostName } from "../name/host-name";
import { ValidationProblemCode as Code, validationProblem, type ValidationProblem } from "./validation-problem";

/** What the certificate is to be used for: TLS server, TLS client, or anything. */
export type CertificatePurpose = "server" | "client" | "any";

/** EKU OIDs by purpose. */
export const PURPOSE_EKU: Readonly<Record<Exclude<CertificatePurpose, "any">, string>> = {
  server: "1.3.6.1.5.5.7.3.1",
  client: "1.3.6.1.5.5.7.3.2",
};
const ANY_EKU = "2.5.29.37.0";

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

/** Options of {@link validatePath}. */
export interface PathValidationOptions {
  /** Validation time. */
  now: Date;
  purpose: CertificatePurpose;
  /** DNS name or IP address the leaf must carry. */
  name?: string;
}

/** The outcome of validating one path. */
export interface PathValidationOutcome {
  problems: ValidationProblem[];
  /** Authorities-constrained policy set of the path (empty when no policy tree remains). */
  validPolicies: string[];
}

const fmt = (date: Date): string => date.toISOString().replace(".000Z", "Z");

function checkValidity(cert: PathCertificate, depth: number, now: Date, problems: ValidationProblem[]): void {
  if (now < cert.notBefore) problems.push(validationProblem(depth, Code.NotYetValid, `The certificate "${cert.subjectText}" is not valid before ${fmt(cert.notBefore)}.`));
  if (now > cert.notAfter) problems.push(validationProblem(depth, Code.Expired, `The certificate "${cert.subjectText}" expired on ${fmt(cert.notAfter)}.`));
}

function checkExtensions(cert: PathCertificate, depth: number, problems: ValidationProblem[]): void {
  for (const oid of cert.malformedExtensions)
    problems.push(validationProblem(depth, Code.UnknownCriticalExtension, `The certificate "${cert.subjectText}" has an extension ${oid} that cannot be decoded.`));
  for (const extension of cert.extensions) {
    if (extension.critical && !UNDERSTOOD_EXTENSIONS.has(extension.oid))
      problems.push(validationProblem(depth, Code.UnknownCriticalExtension, `The certificate "${cert.subjectText}" has a critical extension ${extension.oid} that is not understood.`));
  }
}

function checkEku(cert: PathCertificate, depth: number, purpose: CertificatePurpose, problems: ValidationProblem[]): void {
  if (purpose === "any" || !cert.extendedKeyUsage) return;
  const wanted = PURPOSE_EKU[purpose];
  if (cert.extendedKeyUsage.includes(wanted) || cert.extendedKeyUsage.includes(ANY_EKU)) return;
  const what = purpose === "server" ? "server authentication" : "client authentication";
  problems.push(validationProblem(depth, Code.Eku, `The certificate "${cert.subjectText}" is not allowed for ${what}: its enhanced key usage lists ${cert.extendedKeyUsage.join(", ")}.`));
}

/**
 * Validates `path` (leaf first, trust anchor last) at `options.now`. The trust anchor supplies the first working
 * public key and issuer name only; its own extensions are not processed (RFC 5280 §6.1.1(d)), but its dates are
 * checked, as Windows and OpenSSL do. Every problem is reported, by depth (0 = leaf).
 */
export function validatePath(path: readonly (CertificateInput | PathCertificate)[], options: PathValidationOptions, verifier: SignatureVerifier = nodeSignatureVerifier): PathValidationOutcome {
  const certs = path.map((c) => pathCertificate(c));
  const problems: ValidationProblem[] = [];
  const anchor = certs[certs.length - 1];
  if (!anchor) return { problems: [validationProblem(0, Code.NoPath, "No certificate was given.")], validPolicies: [] };
  const n = certs.length - 1;
  checkValidity(anchor, n, options.now, problems);

  let workingSpki = anchor.spki;
  let workingAlgorithm = anchor.publicKeyAlgorithm;
  let workingIssuer = anchor.subject;
  let maxPathLength = n;
  const nameConstraints = new NameConstraintState();
  const policies = new PolicyProcessor(n);

  for (let i = 1; i <= n; i += 1) {
    const depth = n - i;
    const cert = certs[depth]!;
    const last = i === n;
    const signature = verifier(cert, workingSpki);
    if (!signature.ok)
      problems.push(validationProblem(depth, signature.unsupported ? Code.UnsupportedAlgorithm : Code.Signature, `The signature on "${cert.subjectText}" is not valid: ${signature.reason}.`));
    checkValidity(cert, depth, options.now, problems);
    if (cert.issuer.key !== workingIssuer.key)
      problems.push(validationProblem(depth, Code.NameChaining, `The issuer name of "${cert.subjectText}" does not match the subject of the certificate above it.`));
    if (!(cert.selfIssued && !last)) {
      for (const name of NameConstraintState.namesOf(cert.subject, cert.subjectAltNames)) {
        const violation = nameConstraints.findViolation(name);
        if (violation) problems.push(validationProblem(depth, Code.NameConstraints, `The certificate "${cert.subjectText}" violates name constraints: ${violation}.`));
      }
    }
    const policyProblem = policies.process(cert, i);
    if (policyProblem) problems.push(validationProblem(depth, Code.Policy, `Certificate policy check failed at "${cert.subjectText}": ${policyProblem}.`));
    checkExtensions(cert, depth, problems);
    checkEku(cert, depth, options.purpose, problems);

    if (!last) {
      if (cert.version < 3 || !cert.basicConstraints?.ca)
        problems.push(validationProblem(depth, Code.BasicConstraints, `The certificate "${cert.subjectText}" issued another certificate but is not a certification authority (basic constraints ${cert.basicConstraints ? "cA=false" : "missing"}).`));
      if (!cert.selfIssued) {
        if (maxPathLength <= 0) problems.push(validationProblem(depth, Code.PathLength, `The path is longer than a path length constraint above "${cert.subjectText}" allows.`));
        maxPathLength -= 1;
      }
      const pathLen = cert.basicConstraints?.pathLen;
      if (pathLen !== undefined && pathLen < maxPathLength) maxPathLength = pathLen;
      if (cert.keyUsage && !cert.keyUsage.has("keyCertSign"))
        problems.push(validationProblem(depth, Code.KeyUsage, `The certificate "${cert.subjectText}" issued another certificate but its key usage does not include keyCertSign.`));
      nameConstraints.add(cert.nameConstraints);
    }
    if (cert.publicKeyAlgorithm === OID_DSA && !cert.publicKeyHasParams && workingAlgorithm === OID_DSA) workingSpki = inheritKeyParameters(cert.spki, workingSpki);
    else workingSpki = cert.spki;
    workingAlgorithm = cert.publicKeyAlgorithm;
    workingIssuer = cert.subject;
  }

  const leaf = certs[0]!;
  if (options.name !== undefined && !matchesHostName(leaf, options.name))
    problems.push(validationProblem(0, Code.NameMismatch, `The certificate "${leaf.subjectText}" is not valid for the name ${options.name}.`));
  return { problems, validPolicies: policies.validPolicies() };
}
