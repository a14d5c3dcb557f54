/**
 * `describeCertificate`: every field of `Get-ExchangeCertificate | Format-List` that comes from the
 * certificate itself, plus what a Details tab needs (SHA-256, key usage, basic constraints, AIA,
 * CRL distribution points, SKI/AKI, every extension decoded).
 *
 * Built on the cheap TBS decode of ./summary and the extension decoders; node:crypto's
 * X509Certificate checks the self-signature synchronously (so a list can be described without
 * awaiting per certificate).
 * @packageDocumentation
 */
import { X509Certificate } from "node:crypto";
import { visibleText } from "../name/visible-text";
import { summarizeCertificate } from "./summary";
import { readTlv } from "../asn1/der";
import {
  decodeAuthorityInfoAccess,
  decodeAuthorityKeyIdentifier,
  decodeBasicConstraints,
  decodeCertificatePolicies,
  decodeCrlDistributionPoints,
  decodeExtendedKeyUsage,
  decodeKeyUsage,
  decodeSubjectAltName,
  decodeSubjectKeyIdentifier,
  viewExtension,
  type CrlDistributionPoint,
  type ExtensionView,
} from "./extension-view";
import { findCommonName, formatDistinguishedName, readName } from "../name/distinguished-name";
import { PkiError } from "../errors";
import type { GeneralName } from "../name/general-name";
import { EKU_NAMES, formatEku, SIGNATURE_ALGORITHM_NAMES } from "../asn1/oid-names";
import { describePublicKey } from "../crypto/private-key";
import { sha256Thumbprint } from "./thumbprint";

/** A certificate as the console shows it. Field names follow Get-ExchangeCertificate. */
export interface CertificateDescription {
  /** SHA-1 of the DER, 40 upper-case hex characters. */
  Thumbprint: string;
  /** SHA-256 of the DER, upper-case hex. */
  Sha256: string;
  /** CN first, Windows style: `CN=mail.contoso.com, O=Contoso, S=WA, C=US`. */
  Subject: string;
  Issuer: string;
  /** SAN DNS names (in certificate order), then the subject CN if not already among them. */
  CertificateDomains: string[];
  NotBefore: Date;
  NotAfter: Date;
  /** Upper-case hex without leading zero bytes. */
  SerialNumber: string;
  PublicKeySize: number;
  /** `RSA`, `EC`, `Ed25519`, `DSA`, … */
  KeyAlgorithm: string;
  /** Named curve for EC keys. */
  KeyCurve?: string;
  /** Windows friendly name, e.g. `sha256RSA`. */
  SignatureAlgorithm: string;
  SignatureAlgorithmOid: string;
  /** EKUs in Exchange form: `Server Authentication (1.3.6.1.5.5.7.3.1)`. */
  EnhancedKeyUsageList: string[];
  /** EKUs as oid + name. */
  EnhancedKeyUsages: { oid: string; name: string }[];
  /** Subject equals issuer and the certificate's own key verifies its signature. */
  IsSelfSigned: boolean;
  /** Basic constraints say CA. */
  IsCa: boolean;
  Version: number;
  SubjectAlternativeNames: GeneralName[];
  /** Key usage names, or null when the extension is absent. */
  KeyUsage: string[] | null;
  BasicConstraints: { ca: boolean; pathLength?: number } | null;
  AuthorityInformationAccess: { ocsp: string[]; caIssuers: string[] };
  CrlDistributionPoints: CrlDistributionPoint[];
  SubjectKeyIdentifier: string | null;
  AuthorityKeyIdentifier: string | null;
  CertificatePolicies: string[];
  /** Every extension, decoded for a Details tab. */
  Extensions: ExtensionView[];
}

function find(exts: { oid: string; value: Uint8Array }[], oid: string): Uint8Array | null {
  return exts.find((e) => e.oid === oid)?.value ?? null;
}

function decodeOrFail<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    throw new PkiError("ERR_CERT_MALFORMED", `The certificate's ${name} extension is malformed: ${(error as Error).message}`);
  }
}

/** Describes a DER certificate. Throws `ERR_CERT_MALFORMED` for broken input. */
export function describeCertificate(der: Uint8Array): CertificateDescription {
  const s = summarizeCertificate(der);
  const exts = s.extensions;
  const subjectAttrs = decodeOrFail("subject", () => readName(s.subjectDer));
  const issuerAttrs = decodeOrFail("issuer", () => readName(s.issuerDer));
  const sanRaw = find(exts, "2.5.29.17");
  const san = sanRaw ? decodeOrFail("Subject Alternative Name", () => decodeSubjectAltName(sanRaw)) : [];
  const domains = san.filter((g) => g.type === "dns").map((g) => g.value);
  const cn = findCommonName(subjectAttrs);
  if (cn && !domains.some((d) => d.toLowerCase() === cn.toLowerCase())) domains.push(cn);
  const ekuRaw = find(exts, "2.5.29.37");
  const ekus = ekuRaw ? decodeOrFail("Enhanced Key Usage", () => decodeExtendedKeyUsage(ekuRaw)) : [];
  const kuRaw = find(exts, "2.5.29.15");
  const bcRaw = find(exts, "2.5.29.19");
  const aiaRaw = find(exts, "1.3.6.1.5.5.7.1.1");
  const cdpRaw = find(exts, "2.5.29.31");
  const skiRaw = find(exts, "2.5.29.14");
  const akiRaw = find(exts, "2.5.29.35");
  const polRaw = find(exts, "2.5.29.32");
  const bc = bcRaw ? decodeOrFail("Basic Constraints", () => decodeBasicConstraints(bcRaw)) : null;
  let key: { algorithm: string; size: number; curve?: string };
  try {
    key = describePublicKey(s.spki);
  } catch {
    key = { algorithm: "unknown", size: 0 };
  }
  const description: CertificateDescription = {
    Thumbprint: s.thumbprint,
    Sha256: sha256Thumbprint(der.subarray(0, readTlv(der).end)),
    Subject: formatDistinguishedName(subjectAttrs),
    Issuer: formatDistinguishedName(issuerAttrs),
    // Display fields: invisible and bidirectional characters shown visibly (see visibleText).
    CertificateDomains: domains.map(visibleText),
    NotBefore: s.notBefore,
    NotAfter: s.notAfter,
    SerialNumber: s.serialNumber,
    PublicKeySize: key.size,
    KeyAlgorithm: key.algorithm,
    SignatureAlgorithm: SIGNATURE_ALGORITHM_NAMES[s.signatureAlgorithmOid] ?? s.signatureAlgorithmOid,
    SignatureAlgorithmOid: s.signatureAlgorithmOid,
    EnhancedKeyUsageList: ekus.map(formatEku),
    EnhancedKeyUsages: ekus.map((oid) => ({ oid, name: EKU_NAMES[oid] ?? oid })),
    IsSelfSigned: isSelfSigned(der, s.subjectDer, s.issuerDer),
    IsCa: bc?.ca ?? false,
    Version: s.version,
    SubjectAlternativeNames: san.map((g) => ({ ...g, value: visibleText(g.value) })),
    KeyUsage: kuRaw ? decodeOrFail("Key Usage", () => decodeKeyUsage(kuRaw)) : null,
    BasicConstraints: bc,
    AuthorityInformationAccess: aiaRaw ? decodeOrFail("Authority Information Access", () => decodeAuthorityInfoAccess(aiaRaw)) : { ocsp: [], caIssuers: [] },
    CrlDistributionPoints: cdpRaw ? decodeOrFail("CRL Distribution Points", () => decodeCrlDistributionPoints(cdpRaw)) : [],
    SubjectKeyIdentifier: skiRaw ? decodeOrFail("Subject Key Identifier", () => decodeSubjectKeyIdentifier(skiRaw)) : null,
    AuthorityKeyIdentifier: akiRaw ? (decodeOrFail("Authority Key Identifier", () => decodeAuthorityKeyIdentifier(akiRaw)).keyId ?? null) : null,
    CertificatePolicies: polRaw ? decodeOrFail("Certificate Policies", () => decodeCertificatePolicies(polRaw)) : [],
    Extensions: exts.map((e) => viewExtension(e.oid, e.critical, e.value)),
  };
  if (key.curve) description.KeyCurve = key.curve;
  return description;
}

function isSelfSigned(der: Uint8Array, subject: Uint8Array, issuer: Uint8Array): boolean {
  if (!Buffer.from(subject).equals(Buffer.from(issuer))) return false;
  try {
    const x = new X509Certificate(Buffer.from(der));
    return x.verify(x.publicKey);
  } catch {
    return false;
  }
}
