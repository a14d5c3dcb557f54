/**
 * The view of a certificate that chain building and path validation work on: every RFC 5280 field they need,
 * parsed once straight from the DER (with the `der.ts` reader, not an object tree: this is the hot path when
 * thousands of certificates are validated) and cached per input object. The @peculiar/x509 object is only
 * created when someone asks for it.
 * @packageDocumentation
 */
import { X509Certificate } from "@peculiar/x509";
import { createHash } from "node:crypto";
import { readTlv, tlvBytes, tlvChildren, tlvOid, tlvSmallInt, tlvTime, tlvValue, type Tlv } from "../asn1/der";
import { PkiError } from "../errors";
import { applyExtension, type CertificateExtensionFields } from "./decode-extension";
import { canonicalNameAt, type DistinguishedName } from "../name/canonical-name";

/** A certificate accepted by chain building and validation: a parsed object or its DER. */
export type CertificateInput = X509Certificate | Uint8Array;

/** A certificate parsed for path processing. */
export interface PathCertificate extends CertificateExtensionFields {
  /** The @peculiar/x509 object (created on first use when the input was DER). */
  readonly source: X509Certificate;
  der: Uint8Array;
  /** SHA-1 of the DER, upper-case hex (the Exchange thumbprint). */
  thumbprint: string;
  tbs: Uint8Array;
  signatureAlgorithm: string;
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
  extensions: { oid: string; critical: boolean }[];
  /** Known extensions whose value could not be decoded. */
  malformedExtensions: string[];
}

const cache = new WeakMap<object, PathCertificate>();
const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
const children = (der: Uint8Array, node: Tlv | undefined): Tlv[] => (node ? tlvChildren(der, node) : []);

function parse(der: Uint8Array, x509: X509Certificate | null): PathCertificate {
  const [tbsNode, sigAlgNode, sigNode] = children(der, readTlv(der));
  if (!tbsNode || !sigAlgNode || !sigNode) throw new PkiError("ERR_DER_MALFORMED", "a certificate needs tbsCertificate, signatureAlgorithm and signatureValue");
  const tbsFields = children(der, tbsNode);
  let i = 0;
  const version = tbsFields[0]?.tag === 0xa0 ? tlvSmallInt(der, children(der, tbsFields[i++])[0]!, "version") + 1 : 1;
  const serial = tbsFields[i++]!;
  i++; // signature algorithm inside the TBS
  const issuerNode = tbsFields[i++]!;
  const [notBeforeNode, notAfterNode] = children(der, tbsFields[i++]);
  const subjectNode = tbsFields[i++]!;
  const spkiNode = tbsFields[i++];
  if (!spkiNode || !notBeforeNode || !notAfterNode) throw new PkiError("ERR_DER_MALFORMED", "the certificate's TBS is incomplete");
  const [spkiAlg] = children(der, spkiNode);
  const [spkiAlgOid, spkiParams] = children(der, spkiAlg);
  const [sigOid, sigParams] = children(der, sigAlgNode);
  const subject = canonicalNameAt(der, subjectNode);
  const issuer = canonicalNameAt(der, issuerNode);
  let source = x509;
  const result: PathCertificate = {
    get source(): X509Certificate {
      return (source ??= new X509Certificate(Uint8Array.from(der)));
    },
    der,
    thumbprint: createHash("sha1").update(der).digest("hex").toUpperCase(),
    tbs: tlvBytes(der, tbsNode),
    signatureAlgorithm: tlvOid(der, sigOid!),
    ...(sigParams && sigParams.tag !== 0x05 ? { signatureParams: tlvBytes(der, sigParams) } : {}),
    signature: tlvValue(der, sigNode).subarray(1),
    spki: tlvBytes(der, spkiNode),
    publicKeyAlgorithm: tlvOid(der, spkiAlgOid!),
    publicKeyHasParams: spkiParams !== undefined && spkiParams.tag !== 0x05,
    version,
    subject,
    issuer,
    subjectText: subject.text,
    issuerText: issuer.text,
    selfIssued: subject.key === issuer.key,
    notBefore: tlvTime(der, notBeforeNode),
    notAfter: tlvTime(der, notAfterNode),
    serialHex: hex(tlvValue(der, serial)),
    subjectAltNames: [],
    caIssuerUrls: [],
    extensions: [],
    malformedExtensions: [],
  };
  const extensionsNode = tbsFields.slice(i).find((n) => n.tag === 0xa3);
  for (const extension of children(der, children(der, extensionsNode)[0])) {
    const fields = children(der, extension);
    const oid = tlvOid(der, fields[0]!);
    const critical = fields.length === 3 && fields[1]!.tag === 0x01 && der[fields[1]!.contentStart] !== 0;
    result.extensions.push({ oid, critical });
    try {
      applyExtension(result, oid, tlvValue(der, fields[fields.length - 1]!));
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
export function pathCertificate(certificate: CertificateInput | PathCertificate): PathCertificate {
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
  return result;
}
