/**
 * `describeCertificate`: every field of `Get-ExchangeCertificate | Format-List` that comes from the
 * certificate itself, plus what a Details tab needs (SHA-256, key usage, basic constraints, AIA,
 * CRL distribution points, SKI/AKI, every extension decoded).
 *
 * A view of the one parsed certificate (`certificate.ts`): nothing is decoded here, so a certificate that was
 * validated is not parsed again to be described. The self-signature is checked with the one signature verifier
 * (`crypto/signature.ts`), synchronously, so a list can be described without awaiting per certificate.
 * @packageDocumentation
 */
import { certificateView, type CertificateInput, type PathCertificate } from "./certificate";
import { basicConstraintsView, distributionPointsView, extensionViews, keyUsageNames, type CrlDistributionPoint, type ExtensionView } from "./extension-view";
import { PkiError } from "../errors";
import { visibleText } from "../name/visible-text";
import { displayGeneralName, type GeneralName } from "../name/general-name";
import { EKU_NAMES, EXTENSION_NAMES, formatEku, SIGNATURE_ALGORITHM_NAMES } from "../asn1/oid-names";
import { toHex } from "../asn1/der";
import { describePublicKey } from "../crypto/private-key";
import { nodeSignatureVerifier } from "../crypto/signature";
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

/** Extensions the description decodes into fields: a malformed one makes the certificate unreadable here. */
const DESCRIBED_EXTENSIONS = ["2.5.29.17", "2.5.29.37", "2.5.29.15", "2.5.29.19", "1.3.6.1.5.5.7.1.1", "2.5.29.31", "2.5.29.14", "2.5.29.35", "2.5.29.32"];

/**
 * Describes a certificate (DER, the parsed certificate or an @peculiar/x509 object), memoised per parse. Throws
 * `ERR_CERT_MALFORMED` for broken input.
 */
export const describeCertificate: (certificate: CertificateInput) => CertificateDescription = certificateView(describe);

function describe(c: PathCertificate): CertificateDescription {
  const broken = DESCRIBED_EXTENSIONS.find((oid) => c.malformedExtensions.includes(oid));
  if (broken) throw new PkiError("ERR_CERT_MALFORMED", `The certificate's ${EXTENSION_NAMES[broken] ?? broken} extension is malformed.`);
  // Display fields: invisible and bidirectional characters shown visibly (see visibleText).
  const san = c.subjectAltNames.map(displayGeneralName).map((g) => ({ ...g, value: visibleText(g.value) }));
  const domains = san.filter((g) => g.type === "dns").map((g) => g.value);
  const cn = c.subject.commonNames[c.subject.commonNames.length - 1];
  if (cn && !domains.some((d) => d.toLowerCase() === visibleText(cn).toLowerCase())) domains.push(visibleText(cn));
  const ekus = c.extendedKeyUsage ?? [];
  const bc = basicConstraintsView(c);
  let key: { algorithm: string; size: number; curve?: string };
  try {
    key = describePublicKey(c.spki);
  } catch {
    key = { algorithm: "unknown", size: 0 };
  }
  let serial = c.serial;
  while (serial.length > 1 && serial[0] === 0) serial = serial.subarray(1);
  const description: CertificateDescription = {
    Thumbprint: c.thumbprint,
    Sha256: sha256Thumbprint(c.der),
    Subject: c.subjectText,
    Issuer: c.issuerText,
    CertificateDomains: domains,
    NotBefore: c.notBefore,
    NotAfter: c.notAfter,
    SerialNumber: toHex(serial),
    PublicKeySize: key.size,
    KeyAlgorithm: key.algorithm,
    SignatureAlgorithm: SIGNATURE_ALGORITHM_NAMES[c.tbsSignatureAlgorithm] ?? c.tbsSignatureAlgorithm,
    SignatureAlgorithmOid: c.tbsSignatureAlgorithm,
    EnhancedKeyUsageList: ekus.map(formatEku),
    EnhancedKeyUsages: ekus.map((oid) => ({ oid, name: EKU_NAMES[oid] ?? oid })),
    IsSelfSigned: isSelfSigned(c),
    IsCa: bc?.ca ?? false,
    Version: c.version,
    SubjectAlternativeNames: san,
    KeyUsage: keyUsageNames(c),
    BasicConstraints: bc,
    AuthorityInformationAccess: { ocsp: c.ocspUrls, caIssuers: c.caIssuerUrls },
    CrlDistributionPoints: distributionPointsView(c.crlDistributionPoints),
    SubjectKeyIdentifier: c.subjectKeyId?.toUpperCase() ?? null,
    AuthorityKeyIdentifier: c.authorityKeyId?.toUpperCase() ?? null,
    CertificatePolicies: c.policies ?? [],
    Extensions: extensionViews(c),
  };
  if (key.curve) description.KeyCurve = key.curve;
  return description;
}

/** Subject and issuer are the same bytes and the certificate's own key verifies its signature. */
function isSelfSigned(c: PathCertificate): boolean {
  if (!Buffer.from(c.subject.der).equals(Buffer.from(c.issuer.der))) return false;
  return nodeSignatureVerifier(c, c.spki).ok;
}
