/**
 * The parsed certificate: every RFC 5280 field that chain building, path validation and revocation need, parsed
 * once straight from the DER (the TBS layout by `summary.ts`, extensions by `decode-extension.ts`, both on the
 * `asn1/der.ts` reader, not an object tree: this is the hot path when thousands of certificates are validated)
 * and cached per input object. The @peculiar/x509 object is only created when someone asks for it.
 * @packageDocumentation
 */
import { X509Certificate } from "@peculiar/x509";
import { readTlv, tlvBytes, tlvChildren, tlvOid, type Tlv } from "../asn1/der";
import { PkiError } from "../errors";
import { applyExtension, type CertificateExtensionFields } from "./decode-extension";
import { canonicalName, type DistinguishedName } from "../name/canonical-name";
import { summarizeCertificate } from "./summary";

/** A certificate as every consumer accepts it: the parsed certificate, its DER, or an @peculiar/x509 object. */
export type CertificateInput = PathCertificate | X509Certificate | Uint8Array;

/** A certificate parsed for path processing. */
export interface PathCertificate extends CertificateExtensionFields {
  /** The @peculiar/x509 object (created on first use when the input was DER). */
  readonly source: X509Certificate;
  der: Uint8Array;
  /** SHA-1 of the DER, upper-case hex (the Exchange thumbprint). */
  thumbprint: string;
  tbs: Uint8Array;
  signatureAlgorithm: string;
  /** The signature algorithm named inside the TBS (what Windows shows as the certificate's signature algorithm). */
  tbsSignatureAlgorithm: string;
  /** Whether the TBS's signature AlgorithmIdentifier is byte-identical to the outer one (RFC 5280 §4.1.1.2). */
  signatureAlgorithmsMatch: boolean;
  /** DER of the signature AlgorithmIdentifier parameters, when present. */
  signatureParams?: Uint8Array;
  signature: Uint8Array;
  spki: Uint8Array;
  publicKeyAlgorithm: string;
  /** Whether the SPKI's AlgorithmIdentifier carries parameters (DSA keys may inherit them). */
  publicKeyHasParams: boolean;
  version: number;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  subjectText: string;
  issuerText: string;
  /** Subject and issuer names match (RFC 5280 "self-issued"). */
  selfIssued: boolean;
  notBefore: Date;
  notAfter: Date;
  serialHex: string;
  /** Content octets of the serial number INTEGER. */
  serial: Uint8Array;
  /** DER of the signatureAlgorithm AlgorithmIdentifier. */
  signatureAlgorithmDer: Uint8Array;
  /** Every extension in certificate order, with the DER inside its extnValue OCTET STRING. */
  extensions: { oid: string; critical: boolean; value: Uint8Array }[];
  /** Known extensions whose value could not be decoded. */
  malformedExtensions: string[];
}

const cache = new WeakMap<object, PathCertificate>();
const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
const children = (der: Uint8Array, node: Tlv | undefined): Tlv[] => (node ? tlvChildren(der, node) : []);

function parse(der: Uint8Array, x509: X509Certificate | null): PathCertificate {
  const summary = summarizeCertificate(der);
  const [sigOid, sigParams] = children(summary.signatureAlgorithm, readTlv(summary.signatureAlgorithm));
  const [spkiAlg] = children(summary.spki, readTlv(summary.spki));
  const [spkiAlgOid, spkiParams] = children(summary.spki, spkiAlg);
  const subject = canonicalName(summary.subjectDer);
  const issuer = canonicalName(summary.issuerDer);
  const tbsFields = children(summary.tbs, readTlv(summary.tbs));
  const tbsSigAlgNode = tbsFields[tbsFields[0]?.tag === 0xa0 ? 2 : 1];
  let source = x509;
  const result: PathCertificate = {
    get source(): X509Certificate {
      if (!source) {
        source = new X509Certificate(Uint8Array.from(der));
        // Handing the object back (e.g. to a revocation checker) finds this parse, not a new one.
        cache.set(source, result);
      }
      return source;
    },
    der,
    thumbprint: summary.thumbprint,
    tbs: summary.tbs,
    signatureAlgorithm: tlvOid(summary.signatureAlgorithm, sigOid!),
    tbsSignatureAlgorithm: summary.signatureAlgorithmOid,
    signatureAlgorithmsMatch: tbsSigAlgNode !== undefined && Buffer.from(tlvBytes(summary.tbs, tbsSigAlgNode)).equals(summary.signatureAlgorithm),
    ...(sigParams && sigParams.tag !== 0x05 ? { signatureParams: tlvBytes(summary.signatureAlgorithm, sigParams) } : {}),
    signature: summary.signature,
    spki: summary.spki,
    publicKeyAlgorithm: tlvOid(summary.spki, spkiAlgOid!),
    publicKeyHasParams: spkiParams !== undefined && spkiParams.tag !== 0x05,
    version: summary.version,
    subject,
    issuer,
    subjectText: subject.text,
    issuerText: issuer.text,
    selfIssued: subject.key === issuer.key,
    notBefore: summary.notBefore,
    notAfter: summary.notAfter,
    serialHex: hex(summary.serial),
    serial: summary.serial,
    signatureAlgorithmDer: summary.signatureAlgorithm,
    subjectAltNames: [],
    caIssuerUrls: [],
    ocspUrls: [],
    ocspNoCheck: false,
    extensions: [],
    malformedExtensions: [],
  };
  for (const { oid, critical, value } of summary.extensions) {
    const repeated = result.extensions.some((e) => e.oid === oid);
    result.extensions.push({ oid, critical, value });
    // A repeated extension is a profile problem of its own (certificate-profile.ts); the first one is the one read.
    if (repeated) continue;
    try {
      applyExtension(result, oid, value);
    } catch {
      result.malformedExtensions.push(oid);
    }
  }
  return result;
}

/**
 * Parses (once) the path-processing view of a certificate.
 * @throws PkiError `ERR_CERT_MALFORMED` when the DER cannot be decoded.
 */
export function pathCertificate(certificate: CertificateInput): PathCertificate {
  if (!(certificate instanceof X509Certificate) && !(certificate instanceof Uint8Array)) return certificate;
  const cached = cache.get(certificate);
  if (cached) return cached;
  let result: PathCertificate;
  try {
    result = certificate instanceof X509Certificate ? parse(new Uint8Array(certificate.rawData), certificate) : parse(certificate, null);
  } catch (error) {
    throw new PkiError("ERR_CERT_MALFORMED", `The certificate could not be decoded: ${(error as Error).message}`);
  }
  cache.set(certificate, result);
  // Handing `der` back (DER is what crosses module boundaries) finds this parse too.
  cache.set(result.der, result);
  return result;
}

/**
 * A view derived from the parsed certificate (the Exchange description, revocation facts…), computed once per
 * parse: whichever form the certificate is handed in, the same parse and the same view come back.
 */
export function certificateView<T>(derive: (certificate: PathCertificate) => T): (certificate: CertificateInput) => T {
  const views = new WeakMap<PathCertificate, T>();
  return (certificate) => {
    const parsed = pathCertificate(certificate);
    let view = views.get(parsed);
    if (view === undefined) {
      view = derive(parsed);
      views.set(parsed, view);
    }
    return view;
  };
}
