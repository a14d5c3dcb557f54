/**
 * The facts about a certificate that revocation checking needs — serial, issuer/subject names, key, key usage,
 * CA flag, CRL distribution points, OCSP URLs, key identifiers — as a view of the one parsed certificate
 * (`certificate/certificate.ts`). Nothing is decoded here: a certificate that path validation has parsed is not
 * parsed again for its revocation check.
 * @packageDocumentation
 */
import { PkiError } from "../errors";
import { fromHex, readTlv, tlvChildren, tlvValue, toHex } from "../asn1/der";
import { certificateView, type CertificateInput, type PathCertificate } from "../certificate/certificate";
import { KEY_USAGE_BITS, type DistributionPoint } from "../certificate/decode-extension";
import { serialKey } from "./serial-key";

/** KeyUsage bit masks (named bit i → `1 << i`). */
export const KEY_USAGE = { digitalSignature: 1, keyCertSign: 1 << 5, cRLSign: 1 << 6 } as const;

/** Revocation-relevant facts of one certificate. */
export interface CertFacts {
  der: Uint8Array;
  /** SHA-1 of the DER, upper-case hex (the Exchange thumbprint). */
  thumbprint: string;
  /** Content bytes of the serial INTEGER. */
  serial: Uint8Array;
  serialHex: string;
  /** Look-up key for {@link CrlIndex}. */
  serialKey: string;
  issuerRaw: Uint8Array;
  issuerCanonical: string;
  subjectRaw: Uint8Array;
  subjectCanonical: string;
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** Content of the subjectPublicKey BIT STRING without the unused-bits byte. */
  publicKeyBits: Uint8Array;
  notBefore: number;
  notAfter: number;
  isCA: boolean;
  /** KeyUsage mask, or null when the extension is absent. */
  keyUsage: number | null;
  /** null when the certificate has no cRLDistributionPoints extension. */
  distributionPoints: DistributionPoint[] | null;
  freshestCrl: DistributionPoint[] | null;
  ocspUrls: string[];
  extKeyUsages: string[];
  ocspNoCheck: boolean;
  authorityKeyId: Uint8Array | null;
  subjectKeyId: Uint8Array | null;
  tbs: Uint8Array;
  signatureAlgorithm: Uint8Array;
  signature: Uint8Array;
}

/** Extensions whose decoding revocation relies on: a malformed one makes the certificate unreadable here. */
const REVOCATION_EXTENSIONS = new Set(["2.5.29.19", "2.5.29.15", "2.5.29.31", "2.5.29.46", "1.3.6.1.5.5.7.1.1", "2.5.29.37", "2.5.29.35", "2.5.29.14"]);

function factsOf(c: PathCertificate): CertFacts {
  const broken = c.malformedExtensions.find((oid) => REVOCATION_EXTENSIONS.has(oid));
  if (broken) throw new PkiError("ERR_CERT_MALFORMED", `Certificate could not be read: its ${broken} extension is malformed`);
  let keyUsage: number | null = null;
  if (c.keyUsage) {
    keyUsage = 0;
    KEY_USAGE_BITS.forEach((name, bit) => {
      if (c.keyUsage!.has(name)) keyUsage! |= 1 << bit;
    });
  }
  let publicKeyBits: Uint8Array;
  try {
    publicKeyBits = tlvValue(c.spki, tlvChildren(c.spki, readTlv(c.spki))[1]!).subarray(1);
  } catch (error) {
    throw new PkiError("ERR_CERT_MALFORMED", `Certificate could not be read: ${(error as Error).message}`);
  }
  return {
    der: c.der,
    thumbprint: c.thumbprint,
    serial: c.serial,
    serialHex: toHex(c.serial),
    serialKey: serialKey(c.serial, 0, c.serial.length),
    issuerRaw: c.issuer.der,
    issuerCanonical: c.issuer.key,
    subjectRaw: c.subject.der,
    subjectCanonical: c.subject.key,
    spki: c.spki,
    publicKeyBits,
    notBefore: c.notBefore.getTime(),
    notAfter: c.notAfter.getTime(),
    isCA: c.basicConstraints?.ca ?? false,
    keyUsage,
    distributionPoints: c.crlDistributionPoints ?? null,
    freshestCrl: c.freshestCrl ?? null,
    ocspUrls: c.ocspUrls,
    extKeyUsages: c.extendedKeyUsage ?? [],
    ocspNoCheck: c.ocspNoCheck,
    authorityKeyId: c.authorityKeyId !== undefined ? fromHex(c.authorityKeyId) : null,
    subjectKeyId: c.subjectKeyId !== undefined ? fromHex(c.subjectKeyId) : null,
    tbs: c.tbs,
    signatureAlgorithm: c.signatureAlgorithmDer,
    signature: c.signature,
  };
}

/** {@link CertFacts} of a certificate (DER, an @peculiar/x509 object or the parsed certificate), memoised per parse; throws `ERR_CERT_MALFORMED` on broken input. */
export const certFacts: (certificate: CertificateInput) => CertFacts = certificateView(factsOf);

/** {@link CertFacts} from DER; throws `ERR_CERT_MALFORMED` on broken input. */
export function certFactsFromDer(der: Uint8Array): CertFacts {
  return certFacts(der);
}
